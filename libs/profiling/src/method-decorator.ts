import { modeState } from './profiling-mode.js';
import { ProfilingError } from './profiling-error.js';

/** Any method a decorator can wrap. */
// `any` is what lets a method with a typed `this` and parameters be passed in and come back unchanged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = (this: any, ...args: any[]) => any;

/** Runs a method with profiling on: `(method, this, args, record name)`. */
export type ProfiledInvoker = (method: AnyMethod, thisArg: unknown, args: unknown[], name: string) => unknown;

/**
 * A method decorator usable both as a TC39 standard decorator (TypeScript 5 default) and under
 * `experimentalDecorators`; the call shape tells which.
 */
export interface DualMethodDecorator {
  <M extends AnyMethod>(value: M, context: ClassMethodDecoratorContext): M;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
}

function ownerName(thisArg: unknown): string {
  if (typeof thisArg === 'function') return thisArg.name || 'anonymous';
  if (typeof thisArg === 'object' && thisArg !== null) return thisArg.constructor?.name || 'Object';
  return 'anonymous';
}

function ownerOf(thisArg: unknown): unknown {
  return typeof thisArg === 'object' && thisArg !== null ? thisArg.constructor : thisArg;
}

function wrapMethod(method: AnyMethod, key: string, flag: number, fixedName: string | undefined, invoke: ProfiledInvoker): AnyMethod {
  // The record name (`Class.method`) is rebuilt only when the receiver's class changes, so a
  // timed call does not build a string every time.
  let lastOwner: unknown = undefined;
  let lastName = fixedName ?? `anonymous.${key}`;
  const nameFor = (thisArg: unknown): string => {
    if (fixedName !== undefined) return fixedName;
    const owner = ownerOf(thisArg);
    if (owner !== lastOwner) {
      lastOwner = owner;
      lastName = `${ownerName(thisArg)}.${key}`;
    }
    return lastName;
  };
  // The "off" path is one bit test and a plain apply, so it stays within a few percent of an
  // undecorated call; everything else happens in `invoke`.
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if ((modeState.flags & flag) === 0) return (method as (...a: unknown[]) => unknown).apply(this, args);
    return invoke(method, this, args, nameFor(this));
  };
  Object.defineProperty(wrapped, 'name', { value: method.name, configurable: true });
  return wrapped as AnyMethod;
}

function isStandardContext(value: unknown): value is ClassMethodDecoratorContext | { kind: string; name: unknown } {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value;
}

/**
 * Builds a dual-style method decorator that calls `invoke` whenever the profiling mode has
 * `flag` set and calls the method directly otherwise.
 * @throws {@link ProfilingError} `PROFILE_DECORATOR_MISUSE` when applied to something that is not a method
 */
export function createMethodDecorator(
  decoratorName: string,
  flag: number,
  fixedName: string | undefined,
  invoke: ProfiledInvoker,
): DualMethodDecorator {
  if (modeState.envError) throw modeState.envError;
  const decorate = (...call: unknown[]): unknown => {
    if (call.length === 2 && isStandardContext(call[1])) {
      const [value, context] = call as [unknown, { kind: string; name: unknown }];
      if (context.kind !== 'method' || typeof value !== 'function') {
        throw new ProfilingError(
          'PROFILE_DECORATOR_MISUSE',
          undefined,
          `@${decoratorName} applies to methods, not to the ${context.kind} ${String(context.name)}`,
        );
      }
      return wrapMethod(value as AnyMethod, String(context.name), flag, fixedName, invoke);
    }
    const [, key, descriptor] = call as [unknown, string | symbol, PropertyDescriptor | undefined];
    if (call.length === 3 && descriptor && typeof descriptor.value === 'function') {
      descriptor.value = wrapMethod(descriptor.value as AnyMethod, String(key), flag, fixedName, invoke);
      return descriptor;
    }
    throw new ProfilingError(
      'PROFILE_DECORATOR_MISUSE',
      undefined,
      `@${decoratorName} applies to methods; ${String(key)} is not a method (accessors and fields are not supported)`,
    );
  };
  return decorate as DualMethodDecorator;
}
