// Builders of benchmark-run documents for the tests: real documents of the profiling schema,
// with samples drawn from a seeded distribution so every test run sees the same numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { quantile, mean, standardDeviation } from 'simple-statistics';
import type { BenchmarkCase, BenchmarkRun } from '@prismq/profiling';
import { seededRandom } from '@prismq/profiling/stats';

/** `count` samples around `centerNs` with ±`spread` relative uniform noise. */
export function samplesAround(
  centerNs: number,
  count: number,
  seed: number,
  spread = 0.04,
): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => centerNs * (1 + spread * (2 * random() - 1)));
}

/** A case whose stats are computed from its samples, as the runner does. */
export function caseFrom(
  id: string,
  samples: readonly number[],
  extra: Partial<Pick<BenchmarkCase, 'args' | 'inputSize' | 'heapBytesPerOp' | 'target'>> & {
    keepSamples?: boolean;
  } = {},
): BenchmarkCase {
  const [module, group, name] = id.split('/') as [string, string, string];
  const sorted = [...samples].sort((a, b) => a - b);
  const avg = mean(sorted);
  const sd = sorted.length > 1 ? standardDeviation(sorted) : 0;
  const { keepSamples = true, ...rest } = extra;
  return {
    id,
    module,
    group,
    name,
    unit: 'ns',
    stats: {
      samples: sorted.length,
      min: sorted[0]!,
      max: sorted[sorted.length - 1]!,
      mean: avg,
      p25: quantile(sorted, 0.25),
      p50: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p99: quantile(sorted, 0.99),
      p999: quantile(sorted, 0.999),
      stddev: sd,
      cv: sd / avg,
      opsPerSec: 1e9 / avg,
    },
    ...(keepSamples ? { sampleTimes: [...samples] } : {}),
    ...rest,
  };
}

/** A complete run document of one project. */
export function runOf(
  project: string,
  cases: BenchmarkCase[],
  overrides: Partial<BenchmarkRun> = {},
): BenchmarkRun {
  return {
    schemaVersion: 1,
    project,
    startedAt: '2026-01-10T10:00:00.000Z',
    finishedAt: '2026-01-10T10:05:00.000Z',
    quick: false,
    environment: {
      os: 'Linux 6.1',
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'Test CPU',
      cpuCount: 8,
      totalMemoryBytes: 16 * 1024 ** 3,
      nodeVersion: 'v20.20.0',
      v8Version: '11.3',
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      commandLine: ['node', 'cli.js', '--project', project],
      exposeGc: true,
    },
    cases,
    ...overrides,
  };
}

/** Writes JSON (or raw text) under `root`, creating folders. */
export function writeAt(root: string, path: string, content: unknown): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(
    full,
    typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
  );
}
