import { performance } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { writeFileAtomic } from '../results/atomic-write.js';
import { forceGc, tryForceGc } from './gc-access.js';
import { topAllocationSites, type SamplingHeapProfile } from './heap-profile-summary.js';
import { postInspector } from './inspector-session.js';
import { excludeProfilerFrames } from './profiler-frames.js';
import { prepareOutputDir } from './output-location.js';
import {
  MemoryReportSchema,
  PROFILE_SUMMARY_SCHEMA_VERSION,
  type MemoryReport,
  type MemorySnapshot,
} from '../results/profile-summary-schema.js';
import { recordProfilingResult } from '../collector/profiling-collector.js';
import {
  MemoryProfileOptionsSchema,
  parseProfilingOptions,
  type MemoryProfileOptions,
  type MemoryProfileSettings,
} from './profiling-options.js';
import type { ProfilingResult } from '../collector/profiling-result.js';
import { reportStem } from './report-file-name.js';
import { settle } from './settle.js';
import { computeMemoryFigures, type MemoryObservations } from './memory-figures.js';

let heapSamplingActive = false;

function snapshot(): MemorySnapshot {
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    rss: usage.rss,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}

/** Facts gathered around one call, before the report is written. */
interface CallMeasurement extends MemoryObservations {
  startedAt: Date;
  wallMs: number;
  heapProfile?: SamplingHeapProfile;
}

/** Builds the memory report of one call (pure). */
function buildMemoryReport(
  settings: MemoryProfileSettings,
  measured: CallMeasurement,
  extras: { heapAfterRepeatedCalls?: number[]; heapProfilePath?: string },
): MemoryReport {
  const report: MemoryReport = {
    schemaVersion: PROFILE_SUMMARY_SCHEMA_VERSION,
    kind: 'memory',
    name: settings.name,
    timestamp: measured.startedAt.toISOString(),
    wallMs: measured.wallMs,
    sampleIntervalMs: settings.sampleIntervalMs,
    samples: measured.sampled.count,
    before: measured.before,
    after: measured.after,
    ...computeMemoryFigures(measured),
  };
  if (extras.heapAfterRepeatedCalls) report.heapAfterRepeatedCalls = extras.heapAfterRepeatedCalls;
  if (measured.heapProfile) {
    report.topAllocations = topAllocationSites(
      measured.heapProfile,
      settings.top,
      settings.includeProfilerFrames ? undefined : excludeProfilerFrames,
    );
    if (extras.heapProfilePath) report.heapProfilePath = extras.heapProfilePath;
  }
  return report;
}

function writeReport(
  settings: MemoryProfileSettings,
  dir: string,
  measured: CallMeasurement,
  heapAfterRepeatedCalls: number[] | undefined,
): { report: MemoryReport; paths: string[] } {
  const stem = reportStem(dir, settings.name, measured.startedAt);
  const paths: string[] = [];
  let heapProfilePath: string | undefined;
  if (measured.heapProfile) {
    heapProfilePath = `${stem}.heapprofile`;
    writeFileAtomic(heapProfilePath, JSON.stringify(measured.heapProfile));
    paths.push(heapProfilePath);
  }
  const report = MemoryReportSchema.parse(
    buildMemoryReport(settings, measured, {
      ...(heapAfterRepeatedCalls ? { heapAfterRepeatedCalls } : {}),
      ...(heapProfilePath ? { heapProfilePath } : {}),
    }),
  );
  const reportPath = `${stem}.memory.json`;
  writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return { report, paths: [reportPath, ...paths] };
}

function publish(
  settings: MemoryProfileSettings,
  report: MemoryReport,
  paths: string[],
  threw: boolean,
): void {
  const result: ProfilingResult = {
    name: settings.name,
    kind: 'memory',
    wallMs: report.wallMs,
    memory: {
      before: report.before,
      after: report.after,
      peak: report.peak,
      increase: report.increase,
      retained: report.retained?.heapUsed ?? report.increase.heapUsed,
      allocated: report.allocated?.heapBytes ?? 0,
    },
    reportPaths: paths,
    timestamp: report.timestamp,
    threw,
  };
  recordProfilingResult(result);
}

function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Starts watching memory around one call; `finish()` stops watching and returns what was seen.
 * A forced GC before and after the call makes `retained` what the call kept; V8's own record of
 * each collection during the call (GCProfiler, which also sees inside a synchronous call) gives
 * what was allocated and the heap's true peak; a timer samples RSS while async work waits.
 */
function startMeasurement(settings: MemoryProfileSettings): { finish: () => CallMeasurement } {
  const startedAt = new Date();
  const gcBefore = tryForceGc();
  const before = snapshot();
  const maxRssBefore = maxRssBytes();
  const sampled = { count: 0, heapUsed: 0, rss: 0 };
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    sampled.count += 1;
    if (usage.heapUsed > sampled.heapUsed) sampled.heapUsed = usage.heapUsed;
    if (usage.rss > sampled.rss) sampled.rss = usage.rss;
  }, settings.sampleIntervalMs);
  timer.unref();
  // V8 keeps one sampling heap profile per isolate: a call measured inside another one that
  // samples the heap gets the memory figures without a heap profile of its own.
  const sampleHeap = settings.heapSampling && !heapSamplingActive;
  if (sampleHeap) {
    heapSamplingActive = true;
    postInspector('HeapProfiler.enable');
    // Collected objects stay in the profile, so its sites show churn, not only survivors.
    postInspector('HeapProfiler.startSampling', {
      samplingInterval: settings.heapSamplingIntervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const collections = new GCProfiler();
  collections.start();
  const wallStart = performance.now();
  return {
    finish: () => {
      const wallMs = performance.now() - wallStart;
      clearInterval(timer);
      let heapProfile: SamplingHeapProfile | undefined;
      if (sampleHeap) {
        try {
          heapProfile = postInspector<{ profile: SamplingHeapProfile }>(
            'HeapProfiler.stopSampling',
          ).profile;
        } finally {
          heapSamplingActive = false;
        }
      }
      const after = snapshot();
      const maxRssAfter = maxRssBytes();
      const gcRecord = collections.stop();
      const heapUsedAfterGc = tryForceGc() ? process.memoryUsage().heapUsed : undefined;
      return {
        startedAt,
        wallMs,
        before,
        after,
        heapUsedAfterGc,
        gcBefore,
        collections: (gcRecord?.statistics ?? []).map((entry) => ({
          usedBefore: entry.beforeGC.heapStatistics.usedHeapSize,
          usedAfter: entry.afterGC.heapStatistics.usedHeapSize,
        })),
        sampled,
        maxRss: { before: maxRssBefore, after: maxRssAfter },
        ...(heapProfile ? { heapProfile } : {}),
      };
    },
  };
}

/**
 * Calls `fn` once while measuring memory and writes the report; a sync function stays sync.
 * Repeated calls are left to {@link profileMemory}, which owns the function.
 */
export function runMemoryProfiled<T>(
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: readonly unknown[],
  settings: MemoryProfileSettings,
  dir: string,
): T {
  const measurement = startMeasurement(settings);
  const done = (threw: boolean): void => {
    const { report, paths } = writeReport(settings, dir, measurement.finish(), undefined);
    publish(settings, report, paths, threw);
  };
  return settle(() => Reflect.apply(fn, thisArg, args) as T, done, 'memory report', settings.name);
}

/**
 * The call form of `profileMemory`: measures `fn`, then runs it `repeat` more times with a
 * forced GC after each. The public contract is documented on `profileMemory`
 * (decorators/profile-memory-call-or-decorator.ts).
 */
export async function profileMemoryCall<T>(
  fn: () => T,
  options: MemoryProfileOptions,
): Promise<Awaited<T>> {
  const settings = parseProfilingOptions(MemoryProfileOptionsSchema, options, 'profileMemory');
  const dir = prepareOutputDir('memory', settings.outputDir);
  const measurement = startMeasurement(settings);
  let value: Awaited<T>;
  try {
    value = await fn();
  } catch (error) {
    try {
      const { report, paths } = writeReport(settings, dir, measurement.finish(), undefined);
      publish(settings, report, paths, true);
    } catch (writeError) {
      process.emitWarning(
        `memory report ${settings.name} could not be written: ${(writeError as Error).message}`,
      );
    }
    throw error;
  }
  const measured = measurement.finish();
  let series: number[] | undefined;
  if (settings.repeat > 0) {
    series = [];
    for (let i = 0; i < settings.repeat; i++) {
      await fn();
      forceGc();
      series.push(process.memoryUsage().heapUsed);
    }
  }
  const { report, paths } = writeReport(settings, dir, measured, series);
  publish(settings, report, paths, false);
  return value;
}
