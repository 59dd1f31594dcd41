import { z } from 'zod';

/**
 * Version of the CPU and memory profile summary documents. Fields added as optional keep it:
 * a reader of this version accepts documents with and without them.
 */
export const PROFILE_SUMMARY_SCHEMA_VERSION = 1 as const;

/**
 * How a CPU frame's location was found: `mapped` through the build's source map, `native` for
 * V8 and Node internals (no file), `source-file` for a script that is a TypeScript source
 * itself (run through a loader); every other value names why the frame kept its built location.
 */
export const MappingStatusSchema = z.enum([
  'mapped',
  'native',
  'source-file',
  'no-map',
  'unreadable',
  'invalid-map',
  'stale',
  'outside-root',
  'invalid-path',
  'missing-source',
  'unmapped',
]);
/** How a CPU frame's location was found. */
export type MappingStatus = z.infer<typeof MappingStatusSchema>;

/** Why a frame kept its built location, as a code callers can branch on. */
export const SourceMapWarningCodeSchema = z.enum([
  'BUILT_FILE_UNREADABLE',
  'SOURCE_MAP_MISSING',
  'SOURCE_MAP_INVALID',
  'SOURCE_MAP_STALE',
  'SOURCE_OUTSIDE_ROOT',
  'SOURCE_PATH_INVALID',
  'SOURCE_MISSING',
  'POSITION_UNMAPPED',
]);
/** Why a frame kept its built location. */
export type SourceMapWarningCode = z.infer<typeof SourceMapWarningCodeSchema>;

/** A built file whose frames could not be (or were not safely) mapped to their source. */
export const SourceMapWarningSchema = z.object({
  code: SourceMapWarningCodeSchema,
  /** The built file (relative to the source root when inside it), or the script URL. */
  file: z.string(),
  /** What is wrong and what the summary did about it. */
  message: z.string(),
});
/** A built file whose frames could not be (or were not safely) mapped to their source. */
export type SourceMapWarning = z.infer<typeof SourceMapWarningSchema>;

/** An original source position: path relative to the source root, 1-based line and column. */
export const SourcePositionSchema = z.object({
  file: z.string().min(1),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
/** An original source position. */
export type SourcePosition = z.infer<typeof SourcePositionSchema>;

/** One line of a function, by the samples V8 took while that line ran. */
export const HotLineSchema = z.object({
  /** 1-based line in the file of the function's `location` (its source when mapped). */
  line: z.number().int().positive(),
  /** The function's self time charged to this line (self time × the line's share of ticks). */
  selfMs: z.number().nonnegative(),
  /** The line's share of the function's self time, 0–1. */
  share: z.number().min(0).max(1),
  /** Samples taken on this line. */
  ticks: z.number().int().nonnegative(),
});
/** One line of a function, by the samples V8 took while that line ran. */
export type HotLine = z.infer<typeof HotLineSchema>;

/** One function's share of a CPU profile. */
export const FunctionTimingSchema = z.object({
  functionName: z.string(),
  /** Script URL or path as V8 reports it; empty for native and internal frames. */
  url: z.string(),
  /** 1-based line of the function's start, or 0 when V8 gives none. */
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  /**
   * `file:line`, ready for a table or an editor link: the original source (relative to the
   * source root) when the frame was mapped, else the built code as V8 ran it.
   */
  location: z.string(),
  selfMs: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
  selfPercent: z.number().nonnegative(),
  totalPercent: z.number().nonnegative(),
  hitCount: z.number().int().nonnegative(),
  /** How `location` was found; absent in summaries written before source mapping. */
  mapping: MappingStatusSchema.optional(),
  /** The original source position, when the frame was mapped. */
  source: SourcePositionSchema.optional(),
  /** `file:line` of the built code V8 ran (what `location` was before mapping). */
  builtLocation: z.string().optional(),
  /** The function's hottest lines by self time, hottest first (from V8's position ticks). */
  lines: z.array(HotLineSchema).optional(),
});
/** One function's share of a CPU profile. */
export type FunctionTiming = z.infer<typeof FunctionTimingSchema>;

/** Summary of a `.cpuprofile`: `<name>_<timestamp>_<pid>-<n>.cpu.json` beside the profile. */
export const CpuProfileSummarySchema = z.object({
  schemaVersion: z.literal(PROFILE_SUMMARY_SCHEMA_VERSION),
  kind: z.literal('cpu'),
  name: z.string().min(1),
  timestamp: z.iso.datetime(),
  wallMs: z.number().nonnegative(),
  profileMs: z.number().nonnegative(),
  sampleIntervalUs: z.number().positive(),
  totalSamples: z.number().int().nonnegative(),
  profilePath: z.string(),
  topSelf: z.array(FunctionTimingSchema),
  topTotal: z.array(FunctionTimingSchema),
  /** Absolute folder that `source.file` paths are relative to. */
  sourceRoot: z.string().optional(),
  /** Built files whose frames kept their built location, and why. */
  sourceMapWarnings: z.array(SourceMapWarningSchema).optional(),
});
/** Summary of a `.cpuprofile`. */
export type CpuProfileSummary = z.infer<typeof CpuProfileSummarySchema>;

/** `process.memoryUsage()` at one moment, in bytes. */
export const MemorySnapshotSchema = z.object({
  heapUsed: z.number().nonnegative(),
  heapTotal: z.number().nonnegative(),
  rss: z.number().nonnegative(),
  external: z.number().nonnegative(),
  arrayBuffers: z.number().nonnegative(),
});
/** `process.memoryUsage()` at one moment, in bytes. */
export type MemorySnapshot = z.infer<typeof MemorySnapshotSchema>;

/** One allocation site of a V8 sampling heap profile. */
export const AllocationSiteSchema = z.object({
  functionName: z.string(),
  url: z.string(),
  line: z.number().int().nonnegative(),
  location: z.string(),
  selfBytes: z.number().nonnegative(),
  percent: z.number().nonnegative(),
});
/** One allocation site of a V8 sampling heap profile. */
export type AllocationSite = z.infer<typeof AllocationSiteSchema>;

/** Memory profile of one call: `<name>_<timestamp>_<pid>-<n>.memory.json`. */
export const MemoryReportSchema = z.object({
  schemaVersion: z.literal(PROFILE_SUMMARY_SCHEMA_VERSION),
  kind: z.literal('memory'),
  name: z.string().min(1),
  timestamp: z.iso.datetime(),
  wallMs: z.number().nonnegative(),
  sampleIntervalMs: z.number().positive(),
  samples: z.number().int().nonnegative(),
  before: MemorySnapshotSchema,
  after: MemorySnapshotSchema,
  /**
   * Highest values while the call ran. `heapUsed` is exact: the heap only grows between
   * collections, so its highest point is just before one of the collections V8 reports during
   * the call, or the end. `rss` comes from the source `peakRssSource` names.
   */
  peak: z.object({ heapUsed: z.number().nonnegative(), rss: z.number().nonnegative() }),
  /**
   * Where `peak.rss` comes from: `high-water-mark` (the process's maximum RSS rose during the
   * call, so it is that maximum), `sampled` (timer samples of an async call), or `endpoints`
   * (neither: only before and after were seen, so it is a lower bound).
   */
  peakRssSource: z.enum(['high-water-mark', 'sampled', 'endpoints']).optional(),
  /** Raw after − before, garbage included; negative when the call freed memory. */
  increase: z.object({
    heapUsed: z.number(),
    heapTotal: z.number(),
    rss: z.number(),
    external: z.number(),
  }),
  /**
   * Heap the call kept: heap used after a forced full GC minus heap used before (also measured
   * after one). Answers "is it leaking?" (tracemalloc's "current").
   */
  retained: z
    .object({
      heapUsed: z.number(),
      /** True when no GC could be forced, so garbage may be counted as kept. */
      approximate: z.boolean(),
    })
    .optional(),
  /**
   * Bytes allocated on the heap during the call, garbage included: the growth of the heap
   * plus what every collection during the call freed. Answers "how much does it churn?".
   */
  allocated: z
    .object({ heapBytes: z.number().nonnegative(), collections: z.number().int().nonnegative() })
    .optional(),
  /**
   * Heap used after a forced GC following each of N repeated calls, when the caller asked
   * for it; a series that keeps rising points at a leak.
   */
  heapAfterRepeatedCalls: z.array(z.number().nonnegative()).optional(),
  heapProfilePath: z.string().optional(),
  topAllocations: z.array(AllocationSiteSchema).optional(),
});
/** Memory profile of one call. */
export type MemoryReport = z.infer<typeof MemoryReportSchema>;

/** One whole-system measurement made outside mitata (an HTTP load test, a throughput run). */
export const LoadTestCaseSchema = z.object({
  /** Case id, `<module>/<group>/<case>` as in the benchmark catalogue. */
  id: z.string().min(1),
  description: z.string(),
  /** Named measurements with their units, e.g. `{ name: 'p95', value: 1.8, unit: 'ms' }`. */
  metrics: z.array(
    z.object({
      name: z.string().min(1),
      value: z.number(),
      unit: z.string().min(1),
    }),
  ),
  /** Settings of the measurement (connections, duration, run count…). */
  settings: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});
/** One whole-system measurement made outside mitata. */
export type LoadTestCase = z.infer<typeof LoadTestCaseSchema>;

/** Results of a project's whole-system measurements: `reports/load/<project>.json`. */
export const LoadTestReportSchema = z.object({
  schemaVersion: z.literal(PROFILE_SUMMARY_SCHEMA_VERSION),
  kind: z.literal('load'),
  project: z.string().min(1),
  timestamp: z.iso.datetime(),
  quick: z.boolean(),
  cases: z.array(LoadTestCaseSchema),
});
/** Results of a project's whole-system measurements. */
export type LoadTestReport = z.infer<typeof LoadTestReportSchema>;
