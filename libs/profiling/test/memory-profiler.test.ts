import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileMemory } from '../src/profile-memory.js';
import { clearProfilingResults, getProfilingResults } from '../src/profiling-collector.js';
import { readMemoryReport } from '../src/result-reader.js';
import { createTempWorkspace, type TempWorkspace } from './temp-workspace.js';

function reportOf(name: string) {
  const result = getProfilingResults().find((r) => r.name === name);
  const path = result?.reportPaths.find((p) => p.endsWith('.memory.json')) as string;
  return { result, report: readMemoryReport(path) };
}

describe('profileMemory', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => ws.dispose());

  it('measures a sync call: before, after, increase and a peak no lower than either', async () => {
    let kept: number[][] = [];
    const length = await profileMemory(() => {
      kept = Array.from({ length: 200 }, () => new Array(5000).fill(1));
      return kept.length;
    }, { name: 'sync-alloc', outputDir: ws.dir });
    expect(length).toBe(200);
    const { result, report } = reportOf('sync-alloc');
    expect(report.increase.heapUsed).toBe(report.after.heapUsed - report.before.heapUsed);
    // 200 × 5000 small integers is about 8 MB that is still referenced afterwards.
    expect(report.increase.heapUsed).toBeGreaterThan(4_000_000);
    expect(report.peak.heapUsed).toBeGreaterThanOrEqual(Math.max(report.before.heapUsed, report.after.heapUsed));
    expect(result?.memory?.increase).toEqual(report.increase);
    expect(kept.length).toBe(200);
  });

  it('samples the peak of an async call that frees its memory before returning', async () => {
    await profileMemory(async () => {
      let big: number[][] | null = Array.from({ length: 400 }, () => new Array(5000).fill(2));
      await new Promise((resolve) => setTimeout(resolve, 60));
      const size = big.length;
      big = null;
      return size;
    }, { name: 'async-peak', outputDir: ws.dir, sampleIntervalMs: 5 });
    const { report } = reportOf('async-peak');
    expect(report.samples).toBeGreaterThan(3);
    expect(report.sampleIntervalMs).toBe(5);
    expect(report.peak.heapUsed - report.before.heapUsed).toBeGreaterThan(8_000_000);
  });

  it('writes a heap profile with the top allocation sites when asked', async () => {
    function allocateStrings(): string[] {
      return Array.from({ length: 50_000 }, (_, i) => `item-${i}-${'x'.repeat(i % 50)}`);
    }
    await profileMemory(allocateStrings, { name: 'heap', outputDir: ws.dir, heapSampling: true, heapSamplingIntervalBytes: 4096 });
    const { result, report } = reportOf('heap');
    expect(report.heapProfilePath).toMatch(/heap_.*\.heapprofile$/);
    expect(result?.reportPaths).toContain(report.heapProfilePath);
    expect(JSON.parse(readFileSync(report.heapProfilePath as string, 'utf8')).head).toBeDefined();
    expect(report.topAllocations?.length).toBeGreaterThan(0);
    const total = report.topAllocations?.reduce((sum, site) => sum + site.percent, 0) ?? 0;
    expect(total).toBeLessThanOrEqual(100.01);
  });

  it('follows the heap over repeated calls so a leak shows as a rising series', async () => {
    const leak: number[][] = [];
    await profileMemory(() => leak.push(new Array(100_000).fill(3)), { name: 'leak', outputDir: ws.dir, repeat: 3 });
    const { report } = reportOf('leak');
    const series = report.heapAfterRepeatedCalls ?? [];
    expect(series).toHaveLength(3);
    expect(series[2] as number).toBeGreaterThan(series[0] as number);
    expect(leak).toHaveLength(4);
  });

  it('re-throws the original error and still writes the report', async () => {
    const original = new TypeError('bad input');
    await expect(profileMemory(async () => {
      await Promise.resolve();
      throw original;
    }, { name: 'fails', outputDir: ws.dir })).rejects.toBe(original);
    expect(reportOf('fails').result?.threw).toBe(true);
  });

  it('rejects a non-positive sampling interval naming the option', async () => {
    await expect(profileMemory(() => 1, { name: 'x', outputDir: ws.dir, sampleIntervalMs: 0 })).rejects.toMatchObject({
      code: 'PROFILE_INVALID_OPTION',
      option: 'sampleIntervalMs',
    });
  });
});

describe('profileMemory nesting', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => ws.dispose());

  it('gives the heap profile to the outer call when both ask for heap sampling', async () => {
    await profileMemory(async () => {
      await profileMemory(() => new Array(1000).fill('x'), { name: 'inner', outputDir: ws.dir, heapSampling: true });
      return 1;
    }, { name: 'outer', outputDir: ws.dir, heapSampling: true });
    expect(reportOf('inner').report.heapProfilePath).toBeUndefined();
    expect(reportOf('outer').report.heapProfilePath).toMatch(/outer_.*\.heapprofile$/);
  });
});
