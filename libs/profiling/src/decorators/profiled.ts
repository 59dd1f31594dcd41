import { wrapProfiled, type AnyMethod } from './method-decorator.js';
import {
  cpuGatedProfiler,
  memoryGatedProfiler,
  timeGatedProfiler,
  type ModeGatedProfiler,
} from './profile-decorators.js';
import type {
  ProfileDecoratorOptions,
  ProfileMemoryDecoratorOptions,
} from './profile-decorators.js';
import { ProfilingError } from '../collector/profiling-error.js';
import { fileNamePart } from '../profilers/report-file-name.js';
import type { TimeOptions } from '../profilers/profiling-options.js';
import { formatOptionIssue } from '../results/validation-issue.js';

/**
 * Options of {@link profiled}: the profiler `kind` and that profiler's options (those of
 * `@timed`, `@profile` or `@profileMemory`). `name` defaults to the function's name.
 */
export type ProfiledOptions =
  | ({ kind: 'time' } & TimeOptions)
  | ({ kind: 'cpu' } & ProfileDecoratorOptions)
  | ({ kind: 'memory' } & ProfileMemoryDecoratorOptions);

const PROFILERS: Record<
  ProfiledOptions['kind'],
  (options: ProfiledOptions, caller: string) => ModeGatedProfiler
> = {
  time: (options, caller) => timeGatedProfiler(withoutKind(options), caller),
  cpu: (options, caller) => cpuGatedProfiler(withoutKind(options), caller),
  memory: (options, caller) => memoryGatedProfiler(withoutKind(options), caller),
};

function withoutKind<T extends { kind: string }>(options: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = options;
  return rest;
}

/**
 * Wraps a plain function so that its calls are profiled while `PRISMQ_PROFILE` (or
 * `setProfilingMode`) includes `kind` — `time`, `cpu`, `memory`, or `all` for every kind — and
 * are a direct call, at the cost of one bit test, otherwise. The decorators' counterpart for
 * code that is not a class method: it can stay in the code and be switched on when needed.
 * `this`, arguments, return values (a sync function stays sync) and errors are kept.
 *
 * Each call is one record (time) or one set of files (cpu, memory): wrap the function that runs
 * the loop, not the one called inside it.
 * @throws {@link ProfilingError} `PROFILE_INVALID_OPTION` for a non-function, an unknown kind
 * or a bad option of that kind
 * @example
 * ```ts
 * export const rankIdeas = profiled(function rankIdeas(ideas: Idea[]) { ... }, { kind: 'cpu' });
 * // PRISMQ_PROFILE=cpu node app.js  → reports/cpu/rankIdeas_….cpuprofile per call
 * ```
 */
export function profiled<F extends AnyMethod>(fn: F, options: ProfiledOptions): F {
  if (typeof fn !== 'function') {
    throw new ProfilingError(
      'PROFILE_INVALID_OPTION',
      'fn',
      `profiled(fn, options): fn must be a function, got ${fn === null ? 'null' : typeof fn}`,
    );
  }
  const kind = (options as { kind?: unknown } | undefined)?.kind;
  const build =
    typeof kind === 'string' && Object.hasOwn(PROFILERS, kind)
      ? PROFILERS[kind as ProfiledOptions['kind']]
      : undefined;
  if (!build) {
    throw new ProfilingError(
      'PROFILE_INVALID_OPTION',
      'kind',
      `profiled(${fn.name || 'fn'}, options): ${formatOptionIssue({ path: ['kind'], message: 'must be one of time, cpu, memory' }, options)}`,
    );
  }
  // A function's own name may hold characters an explicit name may not (`a/b` via defineProperty).
  const name = options.name ?? (fn.name ? fileNamePart(fn.name) : 'anonymous');
  const { flag, invoke } = build({ ...options, name }, `profiled(${name})`);
  return wrapProfiled(fn, name, flag, name, invoke, true) as F;
}
