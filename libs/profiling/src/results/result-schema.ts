import { z } from 'zod';

/**
 * Version of the benchmark-run document. It changes only together with a migration in
 * {@link parseBenchmarkRun}; readers reject versions they do not know.
 */
export const BENCHMARK_SCHEMA_VERSION = 1 as const;

/** Distribution of one case's per-iteration times, in nanoseconds. */
export const BenchmarkStatsSchema = z.object({
  samples: z.number().int().nonnegative(),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
  mean: z.number().nonnegative(),
  p25: z.number().nonnegative(),
  p50: z.number().nonnegative(),
  p75: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  p999: z.number().nonnegative(),
  stddev: z.number().nonnegative(),
  /** Coefficient of variation, stddev / mean (a fraction, not a percent). */
  cv: z.number().nonnegative(),
  opsPerSec: z.number().nonnegative(),
});
/** Distribution of one case's per-iteration times, in nanoseconds. */
export type BenchmarkStats = z.infer<typeof BenchmarkStatsSchema>;

/** A performance target attached to a case: `metric op value unit`, e.g. `p50 < 10 ms`. */
export const BenchmarkTargetSchema = z.object({
  metric: z.enum(['p50', 'p95', 'p99', 'mean', 'opsPerSec']),
  op: z.enum(['<', '>']),
  value: z.number().positive(),
  unit: z.enum(['ns', 'us', 'ms', 's', 'ops/s', 'items/s', 'lines/s', 'MB']),
});
/** A performance target attached to a case. */
export type BenchmarkTarget = z.infer<typeof BenchmarkTargetSchema>;

/** Case ids are `<module>/<group>/<case>` (see the benchmark catalogue). */
export const CASE_ID_PATTERN = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/;

/** One measured case; a sweep has one case per input size, sharing `group`. */
export const BenchmarkCaseSchema = z.object({
  id: z.string().regex(CASE_ID_PATTERN, 'case id must look like <module>/<group>/<case>'),
  module: z.string().min(1),
  group: z.string().min(1),
  name: z.string().min(1),
  args: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  inputSize: z.number().nonnegative().optional(),
  unit: z.literal('ns'),
  stats: BenchmarkStatsSchema,
  /** Raw per-iteration times (ns), kept so that comparisons can test significance. */
  sampleTimes: z.array(z.number().nonnegative()).optional(),
  heapBytesPerOp: z.number().optional(),
  gcMsPerOp: z.number().nonnegative().optional(),
  target: BenchmarkTargetSchema.optional(),
});
/** One measured case. */
export type BenchmarkCase = z.infer<typeof BenchmarkCaseSchema>;

/** One GPU of the measuring machine, as `nvidia-smi` reports it. */
export const BenchmarkGpuSchema = z.object({
  model: z.string().min(1),
  driver: z.string(),
  memoryBytes: z.number().nonnegative(),
});
/** One GPU of the measuring machine. */
export type BenchmarkGpu = z.infer<typeof BenchmarkGpuSchema>;

/** Where and how a run was measured. */
export const BenchmarkEnvironmentSchema = z.object({
  os: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuCount: z.number().int().positive(),
  totalMemoryBytes: z.number().nonnegative(),
  nodeVersion: z.string(),
  v8Version: z.string(),
  gitCommit: z.string().nullable(),
  /** Tracked files differ from `gitCommit` (untracked files do not count); null outside git. */
  gitDirty: z.boolean().nullable(),
  commandLine: z.array(z.string()),
  exposeGc: z.boolean(),
  /** GPUs seen by `nvidia-smi`; absent where it is not installed. */
  gpus: z.array(BenchmarkGpuSchema).optional(),
});
/** Where and how a run was measured. */
export type BenchmarkEnvironment = z.infer<typeof BenchmarkEnvironmentSchema>;

/** One document per benchmark run: `reports/benchmarks/<project>/<timestamp>.json`. */
export const BenchmarkRunSchema = z.object({
  schemaVersion: z.literal(BENCHMARK_SCHEMA_VERSION),
  project: z.string().min(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  quick: z.boolean(),
  environment: BenchmarkEnvironmentSchema,
  cases: z.array(BenchmarkCaseSchema),
});
/** One document per benchmark run. */
export type BenchmarkRun = z.infer<typeof BenchmarkRunSchema>;
