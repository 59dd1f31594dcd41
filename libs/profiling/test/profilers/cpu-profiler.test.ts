import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileFunction } from '../../src/profilers/cpu-profiler.js';
import {
  clearProfilingResults,
  getProfilingResults,
} from '../../src/collector/profiling-collector.js';
import { ProfilingError } from '../../src/collector/profiling-error.js';
import { profiled } from '../../src/decorators/profiled.js';
import { setProfilingMode } from '../../src/collector/profiling-mode.js';
import { readCpuProfileSummary } from '../../src/results/result-reader.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

// Works until it has used `ms` of CPU time: what the sampler sees is time on the CPU, which a
// loaded machine does not shorten (it only stretches the wall time around it).
function busyLoop(ms: number): number {
  const cpuStart = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 1000; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(cpuStart);
    if ((used.user + used.system) / 1000 >= ms) return x;
  }
}

/** What the tests read of a `.cpuprofile` file. */
interface RawProfile {
  nodes: unknown[];
  samples: number[];
  timeDeltas: number[];
}

/** One turn of the event loop: the rest of the function runs as awaited work. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function lastResult() {
  const results = getProfilingResults();
  return results[results.length - 1];
}

describe('profileFunction (CPU)', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => ws.dispose());

  it('profiles a sync function: returns its value and writes a .cpuprofile DevTools can open', async () => {
    const outerStart = performance.now();
    const value = await profileFunction(() => busyLoop(30) > 0 && 'done', {
      name: 'sync-work',
      outputDir: ws.dir,
    });
    const outerMs = performance.now() - outerStart;
    expect(value).toBe('done');

    const result = lastResult();
    expect(result).toMatchObject({ name: 'sync-work', kind: 'cpu', threw: false });
    expect(result?.cpuMs).toBeGreaterThanOrEqual(30);
    expect(result?.wallMs).toBeLessThanOrEqual(outerMs);
    const profilePath = result?.reportPaths.find((p) => p.endsWith('.cpuprofile')) as string;
    expect(profilePath).toMatch(
      new RegExp(`sync-work_\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z_${process.pid}-\\d+\\.cpuprofile$`),
    );

    const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as RawProfile;
    expect(Array.isArray(profile.nodes) && profile.nodes.length).toBeGreaterThan(0);
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.timeDeltas).toHaveLength(profile.samples.length);

    const summary = readCpuProfileSummary(profilePath.replace(/\.cpuprofile$/, '.cpu.json'));
    expect(summary.profilePath).toBe(profilePath);
    expect(summary.sampleIntervalUs).toBe(100);
    const testCode = summary.topTotal.filter((f) => /cpu-profiler\.test\.ts:\d+$/.test(f.location));
    // Most of the 30 ms loop is sampled inside the test's own code (the rest of a loaded
    // machine's profile is idle or garbage-collector time).
    expect(Math.max(...testCode.map((f) => f.totalMs))).toBeGreaterThan(10);

    const table = readFileSync(profilePath.replace(/\.cpuprofile$/, '.cpu.txt'), 'utf8');
    expect(table).toContain('By self time');
    expect(table).toContain('cpu-profiler.test.ts:');
  });

  it('covers the awaited work of an async function', async () => {
    const value = await profileFunction(
      async () => {
        await nextTurn();
        return busyLoop(30);
      },
      { name: 'async-work', outputDir: ws.dir, sampleIntervalUs: 200 },
    );
    expect(value).toBeGreaterThan(0);
    const summary = readCpuProfileSummary(lastResult()?.reportPaths[1] as string);
    expect(summary.sampleIntervalUs).toBe(200);
    // The 30 ms loop after the await is inside the profile (V8 may inline it into the arrow).
    const testCode = summary.topTotal.filter((f) => f.location.includes('cpu-profiler.test.ts'));
    expect(Math.max(...testCode.map((f) => f.totalMs))).toBeGreaterThan(15);
  });

  it('re-throws the original error and still writes the profile', async () => {
    const original = new Error('kaput');
    await expect(
      profileFunction(
        () => {
          busyLoop(5);
          throw original;
        },
        { name: 'throws', outputDir: ws.dir },
      ),
    ).rejects.toBe(original);
    expect(lastResult()).toMatchObject({ name: 'throws', threw: true });
    expect(readdirSync(ws.dir).filter((f) => f.startsWith('throws_')).length).toBe(3);
  });

  it('re-throws an async rejection unchanged and still writes the profile', async () => {
    const original = new Error('async kaput');
    await expect(
      profileFunction(async () => Promise.reject(original), { name: 'rejects', outputDir: ws.dir }),
    ).rejects.toBe(original);
    expect(
      readdirSync(ws.dir).some((f) => f.startsWith('rejects_') && f.endsWith('.cpuprofile')),
    ).toBe(true);
  });

  it('queues concurrent profiles so that each gets its own complete file', async () => {
    const names = ['one', 'two', 'three'];
    await Promise.all(
      names.map((name) =>
        profileFunction(
          async () => {
            await nextTurn();
            return busyLoop(10);
          },
          { name, outputDir: ws.dir },
        ),
      ),
    );
    const results = getProfilingResults();
    expect(results.map((r) => r.name)).toEqual(names);
    for (const result of results) {
      const profile = JSON.parse(
        readFileSync(result.reportPaths[0] as string, 'utf8'),
      ) as RawProfile;
      expect(profile.samples.length).toBeGreaterThan(0);
    }
  });

  it('refuses a profile nested in another with a clear error', async () => {
    let inner: unknown;
    await profileFunction(
      async () => {
        inner = await profileFunction(() => 1, { name: 'inner', outputDir: ws.dir }).catch(
          (error: unknown) => error,
        );
      },
      { name: 'outer', outputDir: ws.dir },
    );
    expect(inner).toBeInstanceOf(ProfilingError);
    expect((inner as ProfilingError).code).toBe('PROFILE_CPU_NESTED');
    expect((inner as ProfilingError).message).toContain('inner');
  });

  it('rejects a negative sampling interval naming the option', async () => {
    const error = await profileFunction(() => 1, {
      name: 'x',
      outputDir: ws.dir,
      sampleIntervalUs: -5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfilingError);
    expect(error).toMatchObject({ code: 'PROFILE_INVALID_OPTION', option: 'sampleIntervalUs' });
    expect((error as Error).message).toContain('-5');
  });

  it('rejects an output folder it cannot create', async () => {
    const file = ws.write('not-a-folder', 'x');
    const error = await profileFunction(() => 1, { name: 'x', outputDir: join(file, 'cpu') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'PROFILE_OUTPUT_UNWRITABLE', option: 'outputDir' });
  });

  it("leaves the profiler's own frames out of the tables unless asked to keep them", async () => {
    const step = profiled((i: number) => i * 2, { kind: 'time', name: 'step' });
    const loop = () => {
      const cpuStart = process.cpuUsage();
      let sum = 0;
      for (;;) {
        for (let i = 0; i < 2000; i++) sum += step(i);
        const used = process.cpuUsage(cpuStart);
        if ((used.user + used.system) / 1000 >= 60) return sum;
      }
    };
    const own = (f: { url: string }) => f.url.includes('/libs/profiling/src/');
    setProfilingMode('time');
    try {
      await profileFunction(loop, {
        name: 'own-hidden',
        outputDir: ws.dir,
        sampleIntervalUs: 50,
        top: 100,
      });
      const hidden = readCpuProfileSummary(lastResult()?.reportPaths[1] as string);
      await profileFunction(loop, {
        name: 'own-kept',
        outputDir: ws.dir,
        sampleIntervalUs: 50,
        top: 100,
        includeProfilerFrames: true,
      });
      const kept = readCpuProfileSummary(lastResult()?.reportPaths[1] as string);
      expect([...hidden.topSelf, ...hidden.topTotal].some(own)).toBe(false);
      expect(hidden.topTotal.some((f) => f.location.includes('cpu-profiler.test.ts'))).toBe(true);
      expect(kept.topTotal.some(own)).toBe(true);
    } finally {
      setProfilingMode('off');
    }
  });
});
