import { modeState } from '../collector/profiling-mode.js';
import { ProfilingError } from '../collector/profiling-error.js';

/** Any method a decorator can wrap. */
// `any` is what lets a method with a typed `this` and parameters be passed in and come back unchanged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = (this: any, ...args: any[]) => any;

/** Runs a method with profiling on: `(method, this, args, record name)`. */
export type ProfiledInvoker = (
  method: AnyMethod,
  thisArg: unknown,
  args: unknown[],
  name: string,
) => unknown;

/**
 * A method decorator usable both as a TC39 standard decorator (TypeScript 5 default) and under
 * `experimentalDecorators`; the call shape tells which.
 */
export interface DualMethodDecorator {
  /** As a TC39 standard decorator: returns the replacement method. */
  <M extends AnyMethod>(value: M, context: ClassMethodDecoratorContext): M;
  /** Under `experimentalDecorators`: returns the replacement descriptor. */
  (
    target: object,
    propertyKey: string | symbol,
    descriptor: PropertyDescriptor,
  ): PropertyDescriptor;
}

function ownerName(thisArg: unknown): string {
  if (typeof thisArg === 'function') return thisArg.name || 'anonymous';
  if (typeof thisArg === 'object' && thisArg !== null) return thisArg.constructor?.name || 'Object';
  return 'anonymous';
}

function ownerOf(thisArg: unknown): unknown {
  return typeof thisArg === 'object' && thisArg !== null ? thisArg.constructor : thisArg;
}

/**
 * Wraps `method` so that it calls `invoke` while the mode has `flag` set and calls the method
 * directly otherwise. `key` names the record `Owner.key` unless `fixedName` is given; with
 * `ownerless`, the record name is `key` itself (a plain function has no owner).
 */
export function wrapProfiled(
  method: AnyMethod,
  key: string,
  flag: number,
  fixedName: string | undefined,
  invoke: ProfiledInvoker,
  ownerless = false,
): AnyMethod {
  // The record name (`Class.method`) is rebuilt only when the receiver's class changes, so a
  // timed call does not build a string every time.
  let lastOwner: unknown = undefined;
  let lastName = fixedName ?? (ownerless ? key : `anonymous.${key}`);
  const nameFor = (thisArg: unknown): string => {
    if (fixedName !== undefined || ownerless) return lastName;
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
    if ((modeState.flags & flag) === 0)
      return (method as (...a: unknown[]) => unknown).apply(this, args);
    return invoke(method, this, args, nameFor(this));
  };
  Object.defineProperty(wrapped, 'name', { value: method.name, configurable: true });
  Object.defineProperty(wrapped, 'length', { value: method.length, configurable: true });
  return wrapped as AnyMethod;
}

function isStandardContext(value: unknown): value is { kind: string; name: unknown } {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value;
}

const DECORATED_KINDS = new Set(['class', 'method', 'getter', 'setter', 'field', 'accessor']);

/** Whether a decorator factory's arguments are really a decorator call: `@timed` without `()`. */
export function looksLikeDecoratorCall(args: ArrayLike<unknown>): boolean {
  if (args.length === 2)
    return isStandardContext(args[1]) && DECORATED_KINDS.has(String(args[1].kind));
  if (args.length === 3)
    return (typeof args[0] === 'object' || typeof args[0] === 'function') && args[0] !== null;
  return false;
}

/** The error for a decorator factory used as a decorator (`@timed` instead of `@timed()`). */
export function missingParenthesesError(decoratorName: string): ProfilingError {
  return new ProfilingError(
    'PROFILE_DECORATOR_MISUSE',
    undefined,
    `@${decoratorName} must be called: write @${decoratorName}() (with parentheses, options optional)`,
  );
}

function describeTarget(call: readonly unknown[]): string {
  const [target, key, descriptor] = call as [unknown, unknown, PropertyDescriptor | undefined];
  if (call.length === 2 && isStandardContext(call[1])) {
    const { kind, name } = call[1];
    const shown =
      typeof name === 'string' || typeof name === 'symbol' ? String(name) : '(anonymous)';
    return `the ${kind} ${shown}`;
  }
  if (call.length === 1 && typeof target === 'function') {
    return `the function or class ${target.name || '(anonymous)'} (for a plain function use profiled(fn, { kind, name }))`;
  }
  if (call.length >= 2 && (typeof key === 'string' || typeof key === 'symbol')) {
    if (descriptor && (descriptor.get || descriptor.set)) return `the accessor ${String(key)}`;
    return `the field ${String(key)}`;
  }
  const shown = call.map((value) =>
    typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : typeof value,
  );
  return `a call with (${shown.join(', ')})`;
}

/**
 * Builds a dual-style method decorator that calls `invoke` whenever the profiling mode has
 * `flag` set and calls the method directly otherwise.
 * @throws {@link ProfilingError} `PROFILE_DECORATOR_MISUSE`, naming the decorator and what it
 * was applied to, when that is not a method
 */
export function createMethodDecorator(
  decoratorName: string,
  flag: number,
  fixedName: string | undefined,
  invoke: ProfiledInvoker,
): DualMethodDecorator {
  const misuse = (call: readonly unknown[]): ProfilingError =>
    new ProfilingError(
      'PROFILE_DECORATOR_MISUSE',
      undefined,
      `@${decoratorName} applies to class methods, not to ${describeTarget(call)}`,
    );
  const decorate = (...call: unknown[]): unknown => {
    if (call.length === 2 && isStandardContext(call[1])) {
      const [value, context] = call as [unknown, { kind: string; name: unknown }];
      if (context.kind !== 'method' || typeof value !== 'function') throw misuse(call);
      return wrapProfiled(value as AnyMethod, String(context.name), flag, fixedName, invoke);
    }
    const [, key, descriptor] = call as [unknown, string | symbol, PropertyDescriptor | undefined];
    if (call.length === 3 && descriptor && typeof descriptor.value === 'function') {
      descriptor.value = wrapProfiled(
        descriptor.value as AnyMethod,
        String(key),
        flag,
        fixedName,
        invoke,
      );
      return descriptor;
    }
    throw misuse(call);
  };
  return decorate as DualMethodDecorator;
}
