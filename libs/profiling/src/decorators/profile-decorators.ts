import { cpuProfilerBusy, runCpuProfiled } from '../profilers/cpu-profiler.js';
import {
  createMethodDecorator,
  looksLikeDecoratorCall,
  missingParenthesesError,
  type DualMethodDecorator,
  type ProfiledInvoker,
} from './method-decorator.js';
import { runMemoryProfiled } from '../profilers/memory-profiler.js';
import { prepareOutputDir } from '../profilers/output-location.js';
import { CPU_FLAG, MEMORY_FLAG, TIME_FLAG } from '../collector/profiling-mode.js';
import {
  CpuProfileOptionsSchema,
  MemoryProfileOptionsSchema,
  parseProfilingOptions,
  type CpuProfileOptions,
  type MemoryProfileOptions,
  type TimeOptions,
} from '../profilers/profiling-options.js';
import { createTimeRecorder, runTimed } from '../profilers/time-profiler.js';

/** Options of `@profile`: those of `profileFunction`, with the name defaulting to `Class.method`. */
export type ProfileDecoratorOptions = Partial<CpuProfileOptions>;
/** Options of `@profileMemory`: those of `profileMemory` without `repeat` (a decorator must not call twice). */
export type ProfileMemoryDecoratorOptions = Partial<Omit<MemoryProfileOptions, 'repeat'>>;

// Options are checked once, when the class is defined, with a stand-in name; the real name
// (`Class.method` unless given) is only known per call.
const PLACEHOLDER_NAME = 'method';

/** A profiler ready to run calls while the mode has `flag`: what decorators and `profiled()` share. */
export interface ModeGatedProfiler {
  flag: number;
  invoke: ProfiledInvoker;
}

/** The CPU profiler behind `@profile` and `profiled(fn, { kind: 'cpu' })`. */
export function cpuGatedProfiler(
  options: ProfileDecoratorOptions,
  caller: string,
): ModeGatedProfiler {
  const settings = parseProfilingOptions(
    CpuProfileOptionsSchema,
    { name: PLACEHOLDER_NAME, ...options },
    caller,
  );
  return {
    flag: CPU_FLAG,
    invoke: (method, thisArg, args, name) => {
      if (cpuProfilerBusy()) return Reflect.apply(method, thisArg, args) as unknown;
      const dir = prepareOutputDir('cpu', settings.outputDir);
      return runCpuProfiled<unknown>(method, thisArg, args, { ...settings, name }, dir);
    },
  };
}

/** The memory profiler behind `@profileMemory` and `profiled(fn, { kind: 'memory' })`. */
export function memoryGatedProfiler(
  options: ProfileMemoryDecoratorOptions,
  caller: string,
): ModeGatedProfiler {
  const settings = parseProfilingOptions(
    MemoryProfileOptionsSchema,
    { name: PLACEHOLDER_NAME, ...options, repeat: 0 },
    caller,
  );
  return {
    flag: MEMORY_FLAG,
    invoke: (method, thisArg, args, name) => {
      const dir = prepareOutputDir('memory', settings.outputDir);
      return runMemoryProfiled<unknown>(method, thisArg, args, { ...settings, name }, dir);
    },
  };
}

/** The time profiler behind `@timed` and `profiled(fn, { kind: 'time' })`: wall time only unless `cpuTime`. */
export function timeGatedProfiler(options: TimeOptions, caller: string): ModeGatedProfiler {
  // Wall time only unless asked: two process.cpuUsage() calls would add about 2 µs per call.
  const recorder = createTimeRecorder(options, caller, false);
  return {
    flag: TIME_FLAG,
    invoke: (method, thisArg, args, name) =>
      runTimed<unknown>(method, thisArg, args, recorder, name),
  };
}

/**
 * CPU-profiles each call of the method while the mode is `cpu` or `all` (see `profileFunction`).
 * A call made while another CPU profile runs — a nested decorated method, say — runs unprofiled,
 * as part of that profile. Works as a standard and as an `experimentalDecorators` decorator.
 * @throws {@link ProfilingError} `PROFILE_DECORATOR_MISUSE` when written `@profile` without
 * parentheses or put on something that is not a method; `PROFILE_INVALID_OPTION` for a bad option
 * @example
 * ```ts
 * class Scorer { @profile({ sampleIntervalUs: 50 }) scoreAll(items: Item[]) { ... } }
 * ```
 */
export function profile(options: ProfileDecoratorOptions = {}): DualMethodDecorator {
  // eslint-disable-next-line prefer-rest-params
  if (looksLikeDecoratorCall(arguments)) throw missingParenthesesError('profile');
  const { flag, invoke } = cpuGatedProfiler(options, '@profile');
  return createMethodDecorator('profile', flag, options.name, invoke);
}

/**
 * Memory-profiles each call of the method while the mode is `memory` or `all` (see
 * `profileMemory`). Works as a standard and as an `experimentalDecorators` decorator.
 * @example
 * ```ts
 * class Indexer { @profileMemory({ heapSampling: true }) async build() { ... } }
 * ```
 */
export function profileMemoryDecorator(
  options: ProfileMemoryDecoratorOptions = {},
): DualMethodDecorator {
  const { flag, invoke } = memoryGatedProfiler(options, '@profileMemory');
  return createMethodDecorator('profileMemory', flag, options.name, invoke);
}

/**
 * Records the wall time of each call of the method (and its CPU time with `cpuTime: true`)
 * while the mode is `time` or `all` (see `timeFunction`). Works as a standard and as an
 * `experimentalDecorators` decorator.
 * @throws {@link ProfilingError} `PROFILE_DECORATOR_MISUSE` when written `@timed` without
 * parentheses or put on something that is not a method; `PROFILE_INVALID_OPTION` for a bad option
 * @example
 * ```ts
 * class Api { @timed() handle(req: Request) { ... } }
 * ```
 */
export function timed(options: TimeOptions = {}): DualMethodDecorator {
  // eslint-disable-next-line prefer-rest-params
  if (looksLikeDecoratorCall(arguments)) throw missingParenthesesError('timed');
  const { flag, invoke } = timeGatedProfiler(options, '@timed');
  return createMethodDecorator('timed', flag, options.name, invoke);
}
