import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { profileMemory } from '../../src/decorators/profile-memory-call-or-decorator.js';
import { timed } from '../../src/decorators/profile-decorators.js';
import { setProfilingMode } from '../../src/collector/profiling-mode.js';
import {
  clearProfilingResults,
  getProfilingResults,
} from '../../src/collector/profiling-collector.js';
import { readMemoryReport } from '../../src/results/result-reader.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

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
    const length = await profileMemory(
      () => {
        kept = Array.from({ length: 200 }, () => new Array<number>(5000).fill(1));
        return kept.length;
      },
      { name: 'sync-alloc', outputDir: ws.dir },
    );
    expect(length).toBe(200);
    const { result, report } = reportOf('sync-alloc');
    expect(report.increase.heapUsed).toBe(report.after.heapUsed - report.before.heapUsed);
    // 200 × 5000 small integers is about 8 MB that is still referenced afterwards.
    expect(report.increase.heapUsed).toBeGreaterThan(4_000_000);
    expect(report.peak.heapUsed).toBeGreaterThanOrEqual(
      Math.max(report.before.heapUsed, report.after.heapUsed),
    );
    expect(result?.memory?.increase).toEqual(report.increase);
    expect(kept.length).toBe(200);
  });

  it('samples the peak of an async call that frees its memory before returning', async () => {
    // The sampler runs on an interval timer: the test moves that clock by hand, so the call is
    // sampled exactly five times while it holds its memory, however loaded the machine.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await profileMemory(
        async () => {
          let big: number[][] | null = Array.from({ length: 400 }, () =>
            new Array<number>(5000).fill(2),
          );
          await vi.advanceTimersByTimeAsync(25);
          const size = big.length;
          big = null;
          return size;
        },
        { name: 'async-peak', outputDir: ws.dir, sampleIntervalMs: 5 },
      );
    } finally {
      vi.useRealTimers();
    }
    const { report } = reportOf('async-peak');
    expect(report.samples).toBe(5);
    expect(report.sampleIntervalMs).toBe(5);
    expect(report.peak.heapUsed - report.before.heapUsed).toBeGreaterThan(8_000_000);
  });

  it('writes a heap profile with the top allocation sites when asked', async () => {
    function allocateStrings(): string[] {
      return Array.from({ length: 50_000 }, (_, i) => `item-${i}-${'x'.repeat(i % 50)}`);
    }
    await profileMemory(allocateStrings, {
      name: 'heap',
      outputDir: ws.dir,
      heapSampling: true,
      heapSamplingIntervalBytes: 4096,
    });
    const { result, report } = reportOf('heap');
    expect(report.heapProfilePath).toMatch(/heap_.*\.heapprofile$/);
    expect(result?.reportPaths).toContain(report.heapProfilePath);
    const heapProfile = JSON.parse(readFileSync(report.heapProfilePath as string, 'utf8')) as {
      head?: unknown;
    };
    expect(heapProfile.head).toBeDefined();
    expect(report.topAllocations?.length).toBeGreaterThan(0);
    const total = report.topAllocations?.reduce((sum, site) => sum + site.percent, 0) ?? 0;
    // Each share is rounded to 0.01 %, so the sum may pass 100 by half of that per site.
    expect(total).toBeLessThanOrEqual(100 + 0.005 * (report.topAllocations?.length ?? 0) + 1e-9);
  });

  it('follows the heap over repeated calls so a leak shows as a rising series', async () => {
    const leak: number[][] = [];
    await profileMemory(() => leak.push(new Array<number>(100_000).fill(3)), {
      name: 'leak',
      outputDir: ws.dir,
      repeat: 3,
    });
    const { report } = reportOf('leak');
    const series = report.heapAfterRepeatedCalls ?? [];
    expect(series).toHaveLength(3);
    expect(series[2] as number).toBeGreaterThan(series[0] as number);
    expect(leak).toHaveLength(4);
  });

  it('re-throws the original error and still writes the report', async () => {
    const original = new TypeError('bad input');
    await expect(
      profileMemory(
        async () => {
          await Promise.resolve();
          throw original;
        },
        { name: 'fails', outputDir: ws.dir },
      ),
    ).rejects.toBe(original);
    expect(reportOf('fails').result?.threw).toBe(true);
  });

  it('rejects a non-positive sampling interval naming the option', async () => {
    await expect(
      profileMemory(() => 1, { name: 'x', outputDir: ws.dir, sampleIntervalMs: 0 }),
    ).rejects.toMatchObject({
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
    await profileMemory(
      async () => {
        await profileMemory(() => new Array<string>(1000).fill('x'), {
          name: 'inner',
          outputDir: ws.dir,
          heapSampling: true,
        });
        return 1;
      },
      { name: 'outer', outputDir: ws.dir, heapSampling: true },
    );
    expect(reportOf('inner').report.heapProfilePath).toBeUndefined();
    expect(reportOf('outer').report.heapProfilePath).toMatch(/outer_.*\.heapprofile$/);
  });
});

describe('profileMemory figures', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => ws.dispose());

  const MB = 1024 * 1024;
  // About 60 MB of small objects, built by a synchronous call.
  function fill(): { i: number; s: string }[] {
    const items: { i: number; s: string }[] = [];
    for (let i = 0; i < 700_000; i++) items.push({ i, s: `item-${i}` });
    return items;
  }

  it('a synchronous call that fills memory and drops it retains ~0 and reports what it allocated', async () => {
    await profileMemory(() => fill().length, { name: 'fill-and-drop', outputDir: ws.dir });
    const { result, report } = reportOf('fill-and-drop');
    expect(report.samples).toBe(0);
    expect(Math.abs(report.retained?.heapUsed as number)).toBeLessThan(5 * MB);
    expect(report.retained?.approximate).toBe(false);
    expect(report.allocated?.heapBytes).toBeGreaterThanOrEqual(50 * MB);
    // The peak is the heap's real highest point, not the value after the call.
    expect(report.peak.heapUsed - report.before.heapUsed).toBeGreaterThan(40 * MB);
    expect(report.peak.heapUsed).toBeGreaterThanOrEqual(report.after.heapUsed);
    expect(result?.memory?.retained).toBe(report.retained?.heapUsed);
    expect(result?.memory?.allocated).toBe(report.allocated?.heapBytes);
  });

  it('a call that keeps 50 MB retains 50 MB', async () => {
    let kept: number[] = [];
    await profileMemory(
      () => {
        // 50 MiB of doubles on the heap (8 bytes each).
        kept = new Array((50 * MB) / 8).fill(0.5);
      },
      { name: 'fill-and-keep', outputDir: ws.dir },
    );
    const { report } = reportOf('fill-and-keep');
    expect(Math.abs((report.retained?.heapUsed as number) - 50 * MB)).toBeLessThan(5 * MB);
    expect(report.allocated?.heapBytes).toBeGreaterThanOrEqual(report.retained?.heapUsed as number);
    expect(kept.length).toBe((50 * MB) / 8);
  });

  it('50 profiles of one name write 50 reports and every reportPath exists', async () => {
    for (let i = 0; i < 50; i++)
      await profileMemory(() => i * 2, { name: 'tiny', outputDir: ws.dir });
    const files = readdirSync(ws.dir).filter((file) => file.endsWith('.memory.json'));
    expect(files).toHaveLength(50);
    const paths = getProfilingResults().flatMap((r) => r.reportPaths);
    expect(new Set(paths).size).toBe(50);
    for (const path of paths) expect(existsSync(path)).toBe(true);
    expect(
      files.every((file) => file.startsWith('tiny_') && file.includes(`_${process.pid}-`)),
    ).toBe(true);
  });

  it('leaves its own frames out of the top allocation sites', async () => {
    // A timed method inside the profiled call: its recorder allocates one result per call.
    const step = timed({ name: 'step' })(
      function step(i: number): string {
        return `s-${i}`;
      },
      { kind: 'method', name: 'step' } as ClassMethodDecoratorContext,
    );
    function buildStrings(): string[] {
      return Array.from({ length: 3000 }, (_, i) => step(i));
    }
    setProfilingMode('time');
    try {
      await profileMemory(buildStrings, {
        name: 'own-frames',
        outputDir: ws.dir,
        heapSampling: true,
        heapSamplingIntervalBytes: 128,
      });
      await profileMemory(buildStrings, {
        name: 'all-frames',
        outputDir: ws.dir,
        heapSampling: true,
        heapSamplingIntervalBytes: 128,
        includeProfilerFrames: true,
      });
    } finally {
      setProfilingMode('off');
    }
    const own = (site: { url: string }) => site.url.includes('/libs/profiling/src/');
    const filtered = reportOf('own-frames').report.topAllocations ?? [];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.some(own)).toBe(false);
    expect((reportOf('all-frames').report.topAllocations ?? []).some(own)).toBe(true);
  });
});
