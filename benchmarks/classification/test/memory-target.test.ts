import type { MemoryReport } from '@prismq/profiling';
import { describe, expect, it } from 'vitest';
import { formatVerdict, judgeMemory } from '../src/memory-target.js';

const MB = 1024 * 1024;

function report(peakRss: number, heapAfterRepeatedCalls?: number[]): MemoryReport {
  const snapshot = {
    heapUsed: 10 * MB,
    heapTotal: 20 * MB,
    rss: 100 * MB,
    external: 0,
    arrayBuffers: 0,
  };
  return {
    schemaVersion: 1,
    kind: 'memory',
    name: 'classification-typical-workload-1000',
    timestamp: '2026-11-24T14:00:00.000Z',
    wallMs: 5,
    sampleIntervalMs: 1,
    samples: 3,
    before: snapshot,
    after: snapshot,
    peak: { heapUsed: 30 * MB, rss: peakRss },
    increase: { heapUsed: 0, heapTotal: 0, rss: 0, external: 0 },
    ...(heapAfterRepeatedCalls === undefined ? {} : { heapAfterRepeatedCalls }),
  };
}

describe('judgeMemory', () => {
  it('compares peak RSS with the budget', () => {
    expect(judgeMemory(report(150 * MB), 200 * MB).withinBudget).toBe(true);
    expect(judgeMemory(report(200 * MB), 200 * MB).withinBudget).toBe(false);
  });

  it('flags heap that rises after every repeated call, and only then', () => {
    expect(judgeMemory(report(100 * MB, [1, 2, 3, 4]), 200 * MB).heapKeepsGrowing).toBe(true);
    expect(judgeMemory(report(100 * MB, [1, 3, 2, 4]), 200 * MB).heapKeepsGrowing).toBe(false);
    expect(judgeMemory(report(100 * MB, [1, 2]), 200 * MB).heapKeepsGrowing).toBe(false);
    expect(judgeMemory(report(100 * MB), 200 * MB).heapKeepsGrowing).toBe(false);
  });

  it('formats a verdict line with the figures in MB', () => {
    expect(formatVerdict(judgeMemory(report(250 * MB, [1, 2, 3]), 200 * MB))).toBe(
      'classification-typical-workload-1000: peak RSS 250.0 MB, peak heap 30.0 MB, OVER the 200.0 MB budget (heap grows after every repeated call: possible leak)',
    );
  });
});
