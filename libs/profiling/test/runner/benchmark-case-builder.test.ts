import { describe, expect, it } from 'vitest';
import {
  buildCases,
  MAX_SAMPLE_TIMES,
  type MitataStats,
  type MitataTrial,
} from '../../src/runner/benchmark-case-builder.js';
import type { CaseMetadata } from '../../src/runner/case-metadata.js';
import { BenchmarkCaseSchema } from '../../src/results/result-schema.js';

function stats(samples: number[], extra: Partial<MitataStats> = {}): MitataStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))] as number;
  return {
    samples: sorted,
    ticks: sorted.length,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    avg: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p25: at(0.25),
    p50: at(0.5),
    p75: at(0.75),
    p99: at(0.99),
    p999: at(0.999),
    ...extra,
  };
}

const none = new Map<string, CaseMetadata>();

describe('buildCases', () => {
  it('splits the id, computes stddev, cv and ops/s from the samples', () => {
    const trial: MitataTrial = {
      alias: 'scoring/youtube/single',
      kind: 'static',
      runs: [{ name: 'scoring/youtube/single', args: {}, stats: stats([10, 20, 30, 40]) }],
    };
    const { cases, failures } = buildCases([trial], none);
    expect(failures).toEqual([]);
    const [built] = cases;
    expect(built).toMatchObject({
      id: 'scoring/youtube/single',
      module: 'scoring',
      group: 'youtube',
      name: 'single',
      unit: 'ns',
    });
    expect(built?.stats.mean).toBe(25);
    expect(built?.stats.stddev).toBeCloseTo(Math.sqrt(125), 10);
    expect(built?.stats.cv).toBeCloseTo(Math.sqrt(125) / 25, 10);
    expect(built?.stats.opsPerSec).toBeCloseTo(4e7, 3);
    expect(built?.sampleTimes).toEqual([10, 20, 30, 40]);
    expect(BenchmarkCaseSchema.safeParse(built).success).toBe(true);
  });

  it('makes one case per sweep size with args and inputSize, sharing the group', () => {
    const trial: MitataTrial = {
      alias: 'scoring/sweep-text-length/words',
      kind: 'args',
      runs: [10, 1000].map((size) => ({
        name: 'scoring/sweep-text-length/words',
        args: { size },
        stats: stats([size, size * 2]),
      })),
    };
    const target = { metric: 'p50', op: '<', value: 5, unit: 'ms' } as const;
    const meta = new Map<string, CaseMetadata>([
      ['scoring/sweep-text-length/words', { inputSize: 7, target }],
    ]);
    const { cases } = buildCases([trial], meta);
    expect(cases.map((c) => [c.id, c.group, c.name, c.inputSize, c.args])).toEqual([
      ['scoring/sweep-text-length/words-10', 'sweep-text-length', 'words-10', 10, { size: 10 }],
      [
        'scoring/sweep-text-length/words-1000',
        'sweep-text-length',
        'words-1000',
        1000,
        { size: 1000 },
      ],
    ]);
    // The sweep's shared metadata may set a target but never overrides each size's inputSize.
    expect(cases.every((c) => c.target?.value === 5)).toBe(true);
  });

  it('merges describeCase metadata of a single case', () => {
    const trial: MitataTrial = {
      alias: 'a/b/c',
      kind: 'static',
      runs: [{ name: 'a/b/c', args: {}, stats: stats([1, 2]) }],
    };
    const { cases } = buildCases([trial], new Map([['a/b/c', { inputSize: 3390 }]]));
    expect(cases[0]?.inputSize).toBe(3390);
  });

  it('reports a run that threw as a failure instead of a case', () => {
    const trial: MitataTrial = {
      alias: 'a/b/boom',
      kind: 'static',
      runs: [{ name: 'a/b/boom', args: {}, stats: undefined, error: new Error('nope') }],
    };
    expect(buildCases([trial], none)).toEqual({
      cases: [],
      failures: [{ id: 'a/b/boom', message: 'nope' }],
    });
  });

  it('keeps at most MAX_SAMPLE_TIMES samples, the same ones every time, including both ends', () => {
    const samples = Array.from({ length: 5000 }, (_, i) => i);
    const trial: MitataTrial = {
      alias: 'a/b/c',
      kind: 'static',
      runs: [{ name: 'a/b/c', args: {}, stats: stats(samples) }],
    };
    const first = buildCases([trial], none).cases[0]?.sampleTimes ?? [];
    expect(first).toHaveLength(MAX_SAMPLE_TIMES);
    expect(first[0]).toBe(0);
    expect(first.at(-1)).toBe(4999);
    expect(buildCases([trial], none).cases[0]?.sampleTimes).toEqual(first);
  });

  it('records heap bytes and GC time per operation when mitata measured them', () => {
    const measured = stats([100, 100], {
      ticks: 4096,
      heap: { avg: 48 },
      gc: { total: 2_048_000 },
    });
    const trial: MitataTrial = {
      alias: 'a/b/c',
      kind: 'static',
      runs: [{ name: 'a/b/c', args: {}, stats: measured }],
    };
    const [built] = buildCases([trial], none).cases;
    expect(built?.heapBytesPerOp).toBe(48);
    expect(built?.gcMsPerOp).toBeCloseTo(2_048_000 / 4096 / 1e6, 12);
  });
});
