import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearProfilingResults,
  getProfilingResults,
  onProfilingResult,
  setProfilingResultCapacity,
  DEFAULT_COLLECTOR_CAPACITY,
} from '../../src/collector/profiling-collector.js';
import type { ProfilerClock } from '../../src/profilers/profiler-clock.js';
import { createTimeRecorder, runTimed, timeFunction } from '../../src/profilers/time-profiler.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

/** A clock the test moves by hand: what a timed call costs is what the test says it costs. */
function manualClock(): {
  clock: ProfilerClock;
  advance: (wallMs: number, cpuMs?: number) => void;
} {
  let wall = 1_000;
  let cpuMicros = 0;
  return {
    clock: {
      now: () => wall,
      cpuUsage: (since) => ({
        user: cpuMicros - (since?.user ?? 0),
        system: -(since?.system ?? 0),
      }),
    },
    advance: (wallMs, cpuMs = 0) => {
      wall += wallMs;
      cpuMicros += cpuMs * 1000;
    },
  };
}

/** A promise the test settles when it chooses. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('timeFunction', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => {
    ws.dispose();
    setProfilingResultCapacity(DEFAULT_COLLECTOR_CAPACITY);
  });

  it('returns a sync value synchronously and records wall and CPU time within the call', () => {
    const outerStart = performance.now();
    const value = timeFunction(
      () => {
        let x = 0;
        for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
        return x > 0 ? 42 : 0;
      },
      { name: 'work' },
    );
    const outerMs = performance.now() - outerStart;
    expect(value).toBe(42);
    const [result] = getProfilingResults();
    expect(result).toMatchObject({ name: 'work', kind: 'time', threw: false });
    expect(result?.wallMs).toBeGreaterThan(0);
    expect(result?.wallMs).toBeLessThanOrEqual(outerMs);
    expect(result?.cpuMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(result?.timestamp ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('measures wall and CPU time with the clock it is given', () => {
    const { clock, advance } = manualClock();
    const recorder = createTimeRecorder({ name: 'driven' }, 'test', true, clock);
    const value = runTimed(() => (advance(20, 15), 'ok'), undefined, [], recorder, 'driven');
    expect(value).toBe('ok');
    const [result] = getProfilingResults();
    expect(result).toMatchObject({ name: 'driven', wallMs: 20, cpuMs: 15, threw: false });
  });

  it('times an async function until it settles; waiting costs wall time, not CPU time', async () => {
    const { clock, advance } = manualClock();
    const recorder = createTimeRecorder({ name: 'wait' }, 'test', true, clock);
    const answer = deferred<string>();
    const pending = runTimed(
      async () => {
        advance(2, 1);
        const text = await answer.promise;
        advance(1, 1);
        return text;
      },
      undefined,
      [],
      recorder,
      'wait',
    );
    // Returned, not settled: nothing recorded yet.
    expect(getProfilingResults()).toEqual([]);
    advance(40);
    answer.resolve('late');
    expect(await pending).toBe('late');
    const [result] = getProfilingResults();
    expect(result).toMatchObject({ name: 'wait', wallMs: 43, cpuMs: 2, threw: false });
  });

  it('records an async call of timeFunction once its promise settles', async () => {
    const answer = deferred<string>();
    const pending = timeFunction(() => answer.promise, { name: 'settles' });
    expect(getProfilingResults()).toEqual([]);
    answer.resolve('done');
    expect(await pending).toBe('done');
    expect(getProfilingResults().map((r) => [r.name, r.threw])).toEqual([['settles', false]]);
  });

  it('re-throws sync and async errors unchanged and records the failed calls', async () => {
    const original = new RangeError('out of range');
    expect(() =>
      timeFunction(() => {
        throw original;
      }),
    ).toThrow(original);
    await expect(timeFunction(() => Promise.reject(original), { name: 'async-fail' })).rejects.toBe(
      original,
    );
    expect(getProfilingResults().map((r) => r.threw)).toEqual([true, true]);
  });

  it('appends one JSON line per call and skips CPU time when told', () => {
    const file = join(ws.dir, 'nested', 'times.jsonl');
    for (let i = 0; i < 3; i++)
      timeFunction(() => i, { name: 'line', jsonlFile: file, cpuTime: false });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      name: 'line',
      kind: 'time',
      reportPaths: [file],
      threw: false,
    });
    expect(lines[0]).not.toHaveProperty('cpuMs');
    expect(typeof lines[0]?.timestamp).toBe('string');
  });

  it('notifies listeners and keeps only the newest results beyond the capacity', () => {
    const seen: string[] = [];
    const stop = onProfilingResult((result) => seen.push(result.name));
    setProfilingResultCapacity(2);
    for (const name of ['a', 'b', 'c']) timeFunction(() => 0, { name, cpuTime: false });
    stop();
    timeFunction(() => 0, { name: 'd', cpuTime: false });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(getProfilingResults().map((r) => r.name)).toEqual(['c', 'd']);
  });

  it("re-throws the function's own error when its record cannot be written, and warns", async () => {
    // A folder where the JSON-lines file should be: every append fails.
    const file = join(ws.dir, 'times.jsonl');
    mkdirSync(file);
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const original = new Error('own failure');
    expect(() =>
      timeFunction(
        () => {
          throw original;
        },
        { name: 'unwritable', jsonlFile: file },
      ),
    ).toThrow(original);
    expect((await warned).message).toMatch(/^time record unwritable could not be written: /);
  });

  it('rejects an invalid option naming it', () => {
    expect(() => timeFunction(() => 0, { name: 'a/b' })).toThrow(/option name/);
  });
});
