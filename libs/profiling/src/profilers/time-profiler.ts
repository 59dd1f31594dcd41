import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareOutputDir } from './output-location.js';
import { recordProfilingResult } from '../collector/profiling-collector.js';
import { parseProfilingOptions, TimeOptionsSchema, type TimeOptions } from './profiling-options.js';
import type { ProfilingResult } from '../collector/profiling-result.js';
import { settle } from './settle.js';
import { systemClock, type ProfilerClock } from './profiler-clock.js';

const NO_PATHS: readonly string[] = Object.freeze([]);
// Read once: `performance.timeOrigin` is an accessor, and it never changes.
const TIME_ORIGIN = performance.timeOrigin;

// A class, so the ISO timestamp (≈100 ns to format) is only built when somebody reads it:
// timing runs on hot paths where every allocation and string counts.
class TimeResult implements ProfilingResult {
  readonly kind = 'time' as const;
  constructor(
    readonly name: string,
    readonly wallMs: number,
    readonly cpuMs: number | undefined,
    private readonly startEpochMs: number,
    readonly reportPaths: readonly string[],
    readonly threw: boolean,
  ) {}

  get timestamp(): string {
    return new Date(this.startEpochMs).toISOString();
  }

  toJSON(): ProfilingResult {
    const json: ProfilingResult = {
      name: this.name,
      kind: this.kind,
      wallMs: this.wallMs,
      reportPaths: [...this.reportPaths],
      timestamp: this.timestamp,
      threw: this.threw,
    };
    if (this.cpuMs !== undefined) json.cpuMs = this.cpuMs;
    return json;
  }
}

/** Time profiler settings resolved once: what to measure and where to append. */
export interface TimeRecorder {
  readonly cpuTime: boolean;
  readonly jsonlFile: string | undefined;
  readonly reportPaths: readonly string[];
  readonly clock: ProfilerClock;
}

/**
 * Resolves time options once, outside the hot path. A relative `jsonlFile` lands in the time
 * folder (`PRISMQ_PROFILE_DIR/time`, else `reports/time`).
 * @throws {@link ProfilingError} for invalid options or an unwritable folder
 */
export function createTimeRecorder(
  options: TimeOptions | undefined,
  caller: string,
  defaultCpuTime: boolean,
  clock: ProfilerClock = systemClock,
): TimeRecorder & { name?: string } {
  const settings = parseProfilingOptions(TimeOptionsSchema, options, caller);
  let jsonlFile: string | undefined;
  if (settings.jsonlFile !== undefined) {
    jsonlFile = isAbsolute(settings.jsonlFile)
      ? settings.jsonlFile
      : join(prepareOutputDir('time', undefined), settings.jsonlFile);
    mkdirSync(dirname(jsonlFile), { recursive: true });
  }
  return {
    cpuTime: settings.cpuTime ?? defaultCpuTime,
    jsonlFile,
    reportPaths: jsonlFile ? Object.freeze([jsonlFile]) : NO_PATHS,
    clock,
    ...(settings.name !== undefined ? { name: settings.name } : {}),
  };
}

function record(
  recorder: TimeRecorder,
  name: string,
  wallStart: number,
  cpuStart: NodeJS.CpuUsage | undefined,
  threw: boolean,
): void {
  const wallMs = recorder.clock.now() - wallStart;
  let cpuMs: number | undefined;
  if (cpuStart) {
    const cpu = recorder.clock.cpuUsage(cpuStart);
    cpuMs = (cpu.user + cpu.system) / 1000;
  }
  const result = new TimeResult(
    name,
    wallMs,
    cpuMs,
    TIME_ORIGIN + wallStart,
    recorder.reportPaths,
    threw,
  );
  recordProfilingResult(result);
  // One write call per line: appends from one process never interleave inside a line.
  if (recorder.jsonlFile) appendFileSync(recorder.jsonlFile, `${JSON.stringify(result)}\n`);
}

/** Calls `fn` and records its wall time (and CPU time); a sync function stays sync. */
export function runTimed<T>(
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: readonly unknown[],
  recorder: TimeRecorder,
  name: string,
): T {
  const cpuStart = recorder.cpuTime ? recorder.clock.cpuUsage() : undefined;
  const wallStart = recorder.clock.now();
  return settle(
    () => Reflect.apply(fn, thisArg, args) as T,
    (threw) => record(recorder, name, wallStart, cpuStart, threw),
    'time record',
    name,
  );
}

/**
 * Calls `fn` now and records its wall time and CPU time in the collector (and, with
 * `jsonlFile`, as one JSON line). Returns what `fn` returns — a sync function stays sync — and
 * re-throws what it throws.
 * @throws {@link ProfilingError} for invalid options
 * @example
 * ```ts
 * const parsed = timeFunction(() => parse(text), { name: 'parse' });
 * ```
 */
export function timeFunction<T>(fn: () => T, options?: TimeOptions): T {
  const recorder = createTimeRecorder(options, 'timeFunction', true);
  return runTimed(fn, undefined, [], recorder, recorder.name ?? (fn.name || 'anonymous'));
}
