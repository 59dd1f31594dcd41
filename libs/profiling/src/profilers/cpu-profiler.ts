import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../results/atomic-write.js';
import type { CpuProfile } from './cpu-profile.js';
import { summarizeCpuProfile } from './cpu-profile-summary.js';
import { formatCpuSummary } from './cpu-summary-table.js';
import { postInspector } from './inspector-session.js';
import { excludeProfilerFrames } from './profiler-frames.js';
import { prepareOutputDir } from './output-location.js';
import {
  CpuProfileSummarySchema,
  PROFILE_SUMMARY_SCHEMA_VERSION,
} from '../results/profile-summary-schema.js';
import { recordProfilingResult } from '../collector/profiling-collector.js';
import { ProfilingError } from '../collector/profiling-error.js';
import {
  CpuProfileOptionsSchema,
  parseProfilingOptions,
  type CpuProfileOptions,
  type CpuProfileSettings,
} from './profiling-options.js';
import type { ProfilingResult } from '../collector/profiling-result.js';
import { reportStem } from './report-file-name.js';
import { settle } from './settle.js';
import {
  createCachedSourceMapResolver,
  type SourceMapCache,
} from '../source-map/source-map-resolver.js';
import { repositoryRoot } from '../source-map/repository-root.js';

// Marks the async context of a running CPU profile, to tell a nested call (which would wait
// for itself forever if queued) from a concurrent one (which can wait its turn).
const insideProfile = new AsyncLocalStorage<true>();
let running = false;
let queueHeld = false;
let warmedUp = false;
let queueTail: Promise<void> = Promise.resolve();
// The built files and source maps read so far: profiles of one process see the same build.
const builtFiles: SourceMapCache = new Map();

function acquireTurn(): Promise<() => void> {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const previous = queueTail;
  queueTail = previous.then(() => done);
  return previous.then(() => {
    queueHeld = true;
    return () => {
      queueHeld = false;
      release();
    };
  });
}

/** Whether a CPU profile is running or waiting to start. */
export function cpuProfilerBusy(): boolean {
  return running || queueHeld;
}

function writeReports(
  settings: CpuProfileSettings,
  dir: string,
  startedAt: Date,
  wallMs: number,
  profile: CpuProfile,
): string[] {
  const stem = reportStem(dir, settings.name, startedAt);
  const profilePath = `${stem}.cpuprofile`;
  const sourceMaps = createCachedSourceMapResolver(
    { root: settings.sourceRoot ?? repositoryRoot(process.cwd()) },
    builtFiles,
  );
  const tables = summarizeCpuProfile(
    profile,
    settings.top,
    settings.includeProfilerFrames ? undefined : excludeProfilerFrames,
    { sourceMaps },
  );
  const summary = CpuProfileSummarySchema.parse({
    schemaVersion: PROFILE_SUMMARY_SCHEMA_VERSION,
    kind: 'cpu',
    name: settings.name,
    timestamp: startedAt.toISOString(),
    wallMs,
    profileMs: tables.profileMs,
    sampleIntervalUs: settings.sampleIntervalUs,
    totalSamples: tables.totalSamples,
    profilePath,
    topSelf: tables.topSelf,
    topTotal: tables.topTotal,
    sourceRoot: sourceMaps.root,
    sourceMapWarnings: sourceMaps.warnings(),
  });
  writeFileAtomic(profilePath, JSON.stringify(profile));
  writeFileAtomic(`${stem}.cpu.json`, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(`${stem}.cpu.txt`, formatCpuSummary(summary));
  return [profilePath, `${stem}.cpu.json`, `${stem}.cpu.txt`];
}

/**
 * Calls `fn` under V8's CPU profiler and writes its reports; a sync function stays sync and a
 * promise is profiled until it settles. The caller guarantees no other profile is running.
 */
export function runCpuProfiled<T>(
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: readonly unknown[],
  settings: CpuProfileSettings,
  dir: string,
): T {
  running = true;
  const startedAt = new Date();
  try {
    postInspector('Profiler.enable');
    postInspector('Profiler.setSamplingInterval', { interval: settings.sampleIntervalUs });
    if (!warmedUp) {
      // V8's first profile spends milliseconds setting up its sampler and charges them to the
      // first sample; a throw-away profile keeps that out of the user's tables.
      postInspector('Profiler.start');
      postInspector('Profiler.stop');
      warmedUp = true;
    }
    postInspector('Profiler.start');
  } catch (error) {
    running = false;
    throw error;
  }
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();

  const complete = (threw: boolean): void => {
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    let profile: CpuProfile;
    try {
      profile = postInspector<{ profile: CpuProfile }>('Profiler.stop').profile;
    } finally {
      running = false;
    }
    const reportPaths = writeReports(settings, dir, startedAt, wallMs, profile);
    const result: ProfilingResult = {
      name: settings.name,
      kind: 'cpu',
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      reportPaths,
      timestamp: startedAt.toISOString(),
      threw,
    };
    recordProfilingResult(result);
  };
  return settle(
    () => insideProfile.run(true, () => Reflect.apply(fn, thisArg, args) as T),
    complete,
    'CPU profile',
    settings.name,
  );
}

/** Whether the caller runs inside a CPU profile (its own call or work it started). */
function insideCpuProfile(): boolean {
  return insideProfile.getStore() === true;
}

/**
 * Runs `fn` (sync or async) under V8's sampling CPU profiler and writes
 * `<name>_<timestamp>_<pid>-<n>.cpuprofile` (open it in Chrome DevTools or speedscope), a `.cpu.json`
 * summary and a `.cpu.txt` table of the top functions by self and total time, each located in
 * its original source through the build's source maps (`libs/x/src/scan.ts:42`) with its
 * hottest lines; a frame without a usable map keeps its built location and the summary's
 * `sourceMapWarnings` say why. Concurrent calls
 * wait their turn; the function's value or error is passed through unchanged, and a profile is
 * written even when it throws.
 * @throws {@link ProfilingError} for invalid options, an unwritable folder, or a call nested
 * inside another CPU profile
 * @example
 * ```ts
 * const scores = await profileFunction(() => scoreAll(items), { name: 'score-all' });
 * ```
 */
export async function profileFunction<T>(
  fn: () => T,
  options: CpuProfileOptions,
): Promise<Awaited<T>> {
  const settings = parseProfilingOptions(CpuProfileOptionsSchema, options, 'profileFunction');
  const dir = prepareOutputDir('cpu', settings.outputDir);
  if (insideCpuProfile()) {
    throw new ProfilingError(
      'PROFILE_CPU_NESTED',
      undefined,
      `profileFunction("${settings.name}") was called inside another CPU profile; V8 keeps one profile per session, so profile only the outer call`,
    );
  }
  const release = await acquireTurn();
  try {
    return await runCpuProfiled(fn, undefined, [], settings, dir);
  } finally {
    release();
  }
}
