import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/store/run-record.js';
import { RunStore } from '../src/store/run-store.js';
import { makeDataDir, removeDataDir } from './test-server.js';

function run(overrides: Partial<RunRecord>): RunRecord {
  return {
    runId: randomUUID(),
    moduleId: 'm',
    moduleName: 'M',
    status: 'completed',
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    completedAt: '2026-01-01T00:00:01.000Z',
    durationMs: null,
    exitCode: 0,
    errorMessage: null,
    progress: { processed: 0, total: null, percent: null },
    parameters: { a: 1 },
    ...overrides,
  };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('RunStore', () => {
  it('keeps runs and configs across reopening the file', () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const first = new RunStore(file);
    const stored = run({ parameters: { input: 'x', secret: '***' } });
    first.saveRun(stored);
    first.saveConfig('m', { input: 'y' }, '2026-01-01T00:00:00.000Z');
    first.close();
    const second = new RunStore(file);
    expect(second.getRun(stored.runId)).toEqual(stored);
    expect(second.getConfig('m')).toEqual({
      parameters: { input: 'y' },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    second.close();
  });

  it('lists newest first with filters, paging and a matching total', () => {
    const store = new RunStore(':memory:');
    const a = run({ createdAt: '2026-01-01T00:00:00.000Z', moduleId: 'x' });
    const b = run({ createdAt: '2026-01-02T00:00:00.000Z', status: 'failed' });
    const c = run({ createdAt: '2026-01-03T00:00:00.000Z', moduleId: 'x' });
    [a, b, c].forEach((r) => store.saveRun(r));
    expect(store.listRuns({ limit: 10, offset: 0 }).runs.map((r) => r.runId)).toEqual([
      c.runId,
      b.runId,
      a.runId,
    ]);
    expect(store.listRuns({ moduleId: 'x', limit: 1, offset: 1 })).toEqual({ runs: [a], total: 2 });
    expect(store.listRuns({ status: 'failed', limit: 10, offset: 0 }).total).toBe(1);
    expect(store.countByStatus()).toMatchObject({ completed: 2, failed: 1, running: 0 });
    store.close();
  });

  it('marks queued and running runs as interrupted, and leaves finished ones alone', () => {
    const store = new RunStore(':memory:');
    const queued = run({ status: 'queued', completedAt: null });
    const running = run({ status: 'running', completedAt: null });
    const done = run({});
    [queued, running, done].forEach((r) => store.saveRun(r));
    expect(store.failInterrupted('2026-02-01T00:00:00.000Z')).toBe(2);
    expect(store.getRun(running.runId)).toMatchObject({
      status: 'failed',
      errorMessage: 'interrupted by server restart',
    });
    expect(store.getRun(done.runId)).toEqual(done);
    store.close();
  });

  it('deletes only finished runs completed before the cut-off', () => {
    const store = new RunStore(':memory:');
    const old = run({ completedAt: '2026-01-01T00:00:00.000Z' });
    const recent = run({ completedAt: '2026-03-01T00:00:00.000Z' });
    const active = run({ status: 'running', completedAt: null });
    [old, recent, active].forEach((r) => store.saveRun(r));
    expect(store.deleteFinishedBefore('2026-02-01T00:00:00.000Z')).toEqual([old.runId]);
    expect(store.getRun(old.runId)).toBeUndefined();
    expect(store.getRun(recent.runId)).toBeDefined();
    expect(store.deleteConfig('nothing')).toBe(false);
    store.close();
  });
});
