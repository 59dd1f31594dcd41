import { cpuProfilerBusy, runCpuProfiled } from './cpu-profiler.js';
import { createMethodDecorator, type AnyMethod, type DualMethodDecorator } from './method-decorator.js';
import { runMemoryProfiled } from './memory-profiler.js';
import { prepareOutputDir } from './output-location.js';
import { CPU_FLAG, MEMORY_FLAG, TIME_FLAG } from './profiling-mode.js';
import {
  CpuProfileOptionsSchema,
  MemoryProfileOptionsSchema,
  parseProfilingOptions,
  type CpuProfileOptions,
  type MemoryProfileOptions,
  type TimeOptions,
} from './profiling-options.js';
import { createTimeRecorder, runTimed } from './time-profiler.js';

/** Options of `@profile`: those of `profileFunction`, with the name defaulting to `Class.method`. */
export type ProfileDecoratorOptions = Partial<CpuProfileOptions>;
/** Options of `@profileMemory`: those of `profileMemory` without `repeat` (a decorator must not call twice). */
export type ProfileMemoryDecoratorOptions = Partial<Omit<MemoryProfileOptions, 'repeat'>>;

// Options are checked once, when the class is defined, with a stand-in name; the real name
// (`Class.method` unless given) is only known per call.
const PLACEHOLDER_NAME = 'method';

/**
 * CPU-profiles each call of the method while the mode is `cpu` or `all` (see `profileFunction`).
 * A call made while another CPU profile runs — a nested decorated method, say — runs unprofiled,
 * as part of that profile. Works as a standard and as an `experimentalDecorators` decorator.
 * @example
 * class Scorer { @profile({ sampleIntervalUs: 50 }) scoreAll(items: Item[]) { ... } }
 */
export function profile(options: ProfileDecoratorOptions = {}): DualMethodDecorator {
  const settings = parseProfilingOptions(CpuProfileOptionsSchema, { name: PLACEHOLDER_NAME, ...options }, '@profile');
  return createMethodDecorator('profile', CPU_FLAG, options.name, (method, thisArg, args, name) => {
    if (cpuProfilerBusy()) return Reflect.apply(method, thisArg, args);
    const dir = prepareOutputDir('cpu', settings.outputDir);
    return runCpuProfiled(method as AnyMethod, thisArg, args, { ...settings, name }, dir);
  });
}

/**
 * Memory-profiles each call of the method while the mode is `memory` or `all` (see
 * `profileMemory`). Works as a standard and as an `experimentalDecorators` decorator.
 * @example
 * class Indexer { @profileMemory({ heapSampling: true }) async build() { ... } }
 */
export function profileMemoryDecorator(options: ProfileMemoryDecoratorOptions = {}): DualMethodDecorator {
  const settings = parseProfilingOptions(MemoryProfileOptionsSchema, { name: PLACEHOLDER_NAME, ...options, repeat: 0 }, '@profileMemory');
  return createMethodDecorator('profileMemory', MEMORY_FLAG, options.name, (method, thisArg, args, name) => {
    const dir = prepareOutputDir('memory', settings.outputDir);
    return runMemoryProfiled(method as AnyMethod, thisArg, args, { ...settings, name }, dir);
  });
}

/**
 * Records the wall time of each call of the method (and its CPU time with `cpuTime: true`)
 * while the mode is `time` or `all` (see `timeFunction`). Works as a standard and as an
 * `experimentalDecorators` decorator.
 * @example
 * class Api { @timed() handle(req: Request) { ... } }
 */
export function timed(options: TimeOptions = {}): DualMethodDecorator {
  // Wall time only unless asked: two process.cpuUsage() calls would add about 2 µs per call.
  const recorder = createTimeRecorder(options, '@timed', false);
  return createMethodDecorator('timed', TIME_FLAG, options.name, (method, thisArg, args, name) =>
    runTimed(method as AnyMethod, thisArg, args, recorder, name),
  );
}
