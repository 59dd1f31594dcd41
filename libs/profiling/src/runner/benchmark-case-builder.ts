import type { CaseMetadata } from './case-metadata.js';
import type { BenchmarkCase } from '../results/result-schema.js';
import { standardDeviation, thinSamples } from './sample-statistics.js';

/** Most raw samples kept per case in the run document. */
export const MAX_SAMPLE_TIMES = 1000;

/** The part of mitata's per-run statistics the runner reads (times in ns). */
export interface MitataStats {
  samples: number[];
  ticks: number;
  min: number;
  max: number;
  avg: number;
  p25: number;
  p50: number;
  p75: number;
  p99: number;
  p999: number;
  heap?: { avg: number };
  gc?: { total: number };
}

/** One measured run of a mitata trial (one per argument combination). */
export interface MitataRun {
  name: string;
  args: Record<string, unknown>;
  stats?: MitataStats | undefined;
  error?: unknown;
}

/** One mitata trial (a `bench()` call) as `run()` returns it. */
export interface MitataTrial {
  alias: string;
  kind: 'static' | 'args' | 'multi-args';
  runs: MitataRun[];
}

/** A run that threw instead of producing statistics. */
export interface CaseFailure {
  id: string;
  message: string;
}

/** The cases of a run document and the runs that failed. */
export interface BuiltCases {
  cases: BenchmarkCase[];
  failures: CaseFailure[];
}

/** The case id of one run of a trial: the alias, with argument values appended for sweeps. */
export function caseId(
  trial: Pick<MitataTrial, 'alias' | 'kind'>,
  run: Pick<MitataRun, 'name' | 'args'>,
): string {
  if (trial.kind === 'static') return trial.alias;
  // A name that already placed its arguments (`words-$size`) is the id as it stands.
  if (run.name !== trial.alias) return run.name;
  return [trial.alias, ...Object.values(run.args).map(String)].join('-');
}

function plainArgs(args: Record<string, unknown>): Record<string, number | string> | undefined {
  const entries = Object.entries(args).filter(
    (entry): entry is [string, number | string] =>
      typeof entry[1] === 'number' || typeof entry[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String(error.message);
  return String(error);
}

function toCase(
  id: string,
  run: MitataRun,
  stats: MitataStats,
  meta: CaseMetadata | undefined,
): BenchmarkCase {
  const [module = id, group = id, ...rest] = id.split('/');
  const mean = stats.avg;
  const stddev = standardDeviation(stats.samples, mean);
  const args = plainArgs(run.args);
  const size = args?.['size'];
  const built: BenchmarkCase = {
    id,
    module,
    group,
    name: rest.join('/') || id,
    unit: 'ns',
    stats: {
      samples: stats.samples.length,
      min: stats.min,
      max: stats.max,
      mean,
      p25: stats.p25,
      p50: stats.p50,
      p75: stats.p75,
      p99: stats.p99,
      p999: stats.p999,
      stddev,
      cv: mean > 0 ? stddev / mean : 0,
      opsPerSec: mean > 0 ? 1e9 / mean : 0,
    },
    sampleTimes: thinSamples(stats.samples, MAX_SAMPLE_TIMES),
  };
  if (args) built.args = args;
  if (typeof size === 'number') built.inputSize = size;
  if (stats.heap && Number.isFinite(stats.heap.avg)) built.heapBytesPerOp = stats.heap.avg;
  if (stats.gc && stats.ticks > 0) built.gcMsPerOp = stats.gc.total / stats.ticks / 1e6;
  if (meta?.inputSize !== undefined) built.inputSize = meta.inputSize;
  if (meta?.target) built.target = meta.target;
  return built;
}

/**
 * Turns mitata's trials into run-document cases: one per run, stats in ns, standard deviation
 * and cv from the samples, at most {@link MAX_SAMPLE_TIMES} raw samples, metadata from
 * `describeCase` merged in. Runs that threw become failures instead of cases.
 */
export function buildCases(
  trials: readonly MitataTrial[],
  metadata: ReadonlyMap<string, CaseMetadata>,
): BuiltCases {
  const cases: BenchmarkCase[] = [];
  const failures: CaseFailure[] = [];
  for (const trial of trials) {
    for (const run of trial.runs) {
      const id = caseId(trial, run);
      if (run.error !== undefined || !run.stats) {
        failures.push({ id, message: errorMessage(run.error) });
        continue;
      }
      // Metadata of a sweep's base name can only carry a target: every size has its own inputSize.
      const shared = metadata.get(trial.alias);
      const meta = metadata.get(id) ?? (shared?.target ? { target: shared.target } : undefined);
      cases.push(toCase(id, run, run.stats, meta));
    }
  }
  return { cases, failures };
}
