import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearProfilingResults,
  getProfilingResults,
  onProfilingResult,
  setProfilingResultCapacity,
  DEFAULT_COLLECTOR_CAPACITY,
} from '../src/collector/profiling-collector.js';
import { timeFunction } from '../src/profilers/time-profiler.js';
import { createTempWorkspace, type TempWorkspace } from './temp-workspace.js';

// Spins until both `ms` of wall time and `ms` of CPU time have passed, so that the CPU time is
// there even when a loaded machine takes the core away.
function spin(ms: number): void {
  const end = performance.now() + ms;
  const cpuStart = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1000;
  };
  while (performance.now() < end || cpuMs() < ms);
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

  it('returns a sync value synchronously and records wall and CPU time', () => {
    const value = timeFunction(
      () => {
        spin(20);
        return 42;
      },
      { name: 'spin' },
    );
    expect(value).toBe(42);
    const [result] = getProfilingResults();
    expect(result).toMatchObject({ name: 'spin', kind: 'time', threw: false });
    expect(result?.wallMs).toBeGreaterThanOrEqual(20);
    expect(result?.cpuMs).toBeGreaterThan(10);
    expect(Date.parse(result?.timestamp ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('times an async function until it settles; waiting costs wall time, not CPU time', async () => {
    const value = await timeFunction(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return 'late';
      },
      { name: 'wait' },
    );
    expect(value).toBe('late');
    const [result] = getProfilingResults();
    expect(result?.wallMs).toBeGreaterThanOrEqual(35);
    expect(result?.cpuMs).toBeLessThan(result?.wallMs ?? 0);
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
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      name: 'line',
      kind: 'time',
      reportPaths: [file],
      threw: false,
    });
    expect(lines[0]).not.toHaveProperty('cpuMs');
    expect(typeof lines[0].timestamp).toBe('string');
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

  it('rejects an invalid option naming it', () => {
    expect(() => timeFunction(() => 0, { name: 'a/b' })).toThrow(/option name/);
  });
});
