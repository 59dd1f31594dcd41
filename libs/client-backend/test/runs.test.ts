import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { RunRecord, RunStatus } from '../src/store/run-record.js';
import type {
  ErrorBody,
  LogsBody,
  ResultsBody,
  RunListBody,
  SystemStatsBody,
} from './api-bodies.js';
import type { PrismqServer } from '../src/http/server.js';
import { runReaches } from './run-status-event.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';
import { waitFor } from './wait-for.js';

let server: PrismqServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await startTestServer(dataDir, { maxConcurrentRuns: 2, maxQueuedRuns: 2 });
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function launch(
  moduleId: string,
  parameters: Record<string, unknown> = {},
): Promise<RunRecord> {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/modules/${moduleId}/runs`,
    payload: { parameters },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json();
}

function waitForStatus(runId: string, statuses: RunStatus[]): Promise<RunRecord> {
  return runReaches(server.runs, runId, statuses);
}

/** The run's log lines once it has printed at least one. */
function firstLines(runId: string): Promise<{ text: string }[]> {
  return waitFor(
    async () => {
      const { lines } = await logText(runId);
      return lines.length > 0 && lines;
    },
    { what: `run ${runId} printing a line` },
  );
}

async function logText(
  runId: string,
  query = '',
): Promise<{
  lines: { seq: number; text: string; stream: string; level: string }[];
  totalLines: number;
  truncated: boolean;
}> {
  return (
    await server.app.inject({ method: 'GET', url: `/api/runs/${runId}/logs${query}` })
  ).json<LogsBody>();
}

function pidsFromLog(text: string): [number, number] {
  const match = /^pids (\d+) (\d+)$/.exec(text);
  if (!match) throw new Error(`no pids in ${text}`);
  return [Number(match[1]), Number(match[2])];
}

// An orphaned grandchild that died stays a zombie until PID 1 reaps it, and some container
// inits never do; a zombie has exited, so it counts as gone.
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

describe('runs with real child processes', () => {
  it('runs a module with argv, env, working folder and output files, and redacts passwords', async () => {
    const started = await launch('env', { input: 'data.jsonl', api_key: 'hunter2', limit: 3 });
    expect(started.status).toBe('running');
    const done = await waitForStatus(started.runId, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', exitCode: 0, errorMessage: null });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.parameters).toEqual({
      input: 'data.jsonl',
      mode: 'fast',
      fail: false,
      limit: 3,
      api_key: '***',
    });

    const { lines } = await logText(done.runId);
    const texts = lines.map((line) => line.text);
    const runDir = path.join(dataDir, 'runs', done.runId);
    expect(texts).toContain(`run ${done.runId}`);
    expect(texts).toContain(`cwd ${runDir}`);
    expect(texts).toContain(
      `argv ${JSON.stringify(['--input=data.jsonl', '--mode=fast', '--limit=3', '--api_key=hunter2'])}`,
    );
    expect(lines.find((line) => line.text === 'WARNING: a warning line')).toMatchObject({
      stream: 'stdout',
      level: 'warning',
    });
    expect(lines.find((line) => line.text === 'ERROR: an error line')).toMatchObject({
      stream: 'stderr',
      level: 'error',
    });

    const results = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${done.runId}/results` })
    ).json<ResultsBody>();
    expect(
      results.files.map((file: { name: string; size: number }) => [file.name, file.size]),
    ).toEqual([
      ['nested/part.txt', 3],
      ['result.json', 12],
    ]);
    expect(readFileSync(path.join(runDir, 'output', 'result.json'), 'utf8')).toBe('{"ok":true}\n');

    // The password reached the process but is stored nowhere else in plain text.
    const db = readFileSync(path.join(dataDir, 'prismq.db')).toString('latin1');
    expect(db).not.toContain('hunter2');
    const history = (
      await server.app.inject({ method: 'GET', url: '/api/runs?moduleId=env' })
    ).json<RunListBody>();
    expect(JSON.stringify(history)).not.toContain('hunter2');

    const download = await server.app.inject({
      method: 'GET',
      url: `/api/runs/${done.runId}/logs/download`,
    });
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    expect(download.headers['content-disposition']).toContain(`run-${done.runId}.log`);
    expect(download.body).toContain('ERROR: an error line');
  });

  it('marks a non-zero exit as failed with the code', async () => {
    const run = await launch('env', { input: 'x', fail: true });
    const done = await waitForStatus(run.runId, ['completed', 'failed']);
    expect(done).toMatchObject({
      status: 'failed',
      exitCode: 4,
      errorMessage: 'exited with code 4',
    });
  });

  it('fails clearly when the command cannot start', async () => {
    const run = await launch('missing');
    const done = await waitForStatus(run.runId, ['completed', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.errorMessage).toMatch(/^cannot start .*does-not-exist: spawn .* ENOENT/);
  });

  it('fails a run whose argv the OS cannot take, without losing its run slot', async () => {
    // One argument of 180 KB (60,000 three-byte characters) is past Linux's per-argument limit.
    const runs = await Promise.all(
      [1, 2, 3].map(() => launch('env', { input: '€'.repeat(60_000) })),
    );
    for (const run of runs) {
      const done = await waitForStatus(run.runId, ['completed', 'failed']);
      expect(done.status).toBe('failed');
      expect(done.errorMessage).toMatch(/^cannot start /);
    }
    const stats = (
      await server.app.inject({ method: 'GET', url: '/api/system/stats' })
    ).json<SystemStatsBody>();
    expect(stats.runs).toMatchObject({ active: 0, queued: 0 });
  });

  it('captures every line in order with progress, and pages through them', async () => {
    const run = await launch('lines', { count: 30_000 });
    const done = await waitForStatus(run.runId, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({ processed: 30_000, total: 30_000, percent: 100 });
    const tail = await logText(run.runId, '?tail=3');
    expect(tail.totalLines).toBe(30_001);
    expect(tail.truncated).toBe(true);
    expect(tail.lines.map((line) => line.seq)).toEqual([29_999, 30_000, 30_001]);
    const page = await logText(run.runId, '?afterSeq=100&tail=5');
    expect(page.lines.map((line) => line.seq)).toEqual([101, 102, 103, 104, 105]);
    const all = await logText(run.runId, '?tail=10000&afterSeq=0');
    expect(all.lines).toHaveLength(10_000);
    // stdout and stderr are separate pipes, so only each stream's own order is guaranteed.
    const stdoutNumbers = all.lines
      .filter((line) => line.stream === 'stdout')
      .map((line) => Number(line.text.split(' ')[1]));
    expect(stdoutNumbers).toEqual([...stdoutNumbers].sort((a, b) => a - b));
  });

  it('cancels a running run: SIGTERM to the whole group, and the processes are gone', async () => {
    const run = await launch('sleeper');
    await waitForStatus(run.runId, ['running']);
    const lines = await firstLines(run.runId);
    const [pid, grandchild] = pidsFromLog(lines[0]!.text);
    expect(alive(pid) && alive(grandchild)).toBe(true);
    const cancel = await server.app.inject({ method: 'DELETE', url: `/api/runs/${run.runId}` });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled' });
    expect(alive(pid)).toBe(false);
    await expect.poll(() => alive(grandchild)).toBe(false);
    const again = await server.app.inject({ method: 'DELETE', url: `/api/runs/${run.runId}` });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error).toMatchObject({
      code: 'RUN_FINISHED',
      details: [
        {
          field: 'runId',
          rule: 'unfinished',
          message: `run ${run.runId} is cancelled; only a queued or running run can be cancelled`,
        },
      ],
    });
  });

  it('escalates to SIGKILL when a module ignores SIGTERM', async () => {
    const run = await launch('sleeper', { 'ignore-term': true });
    const lines = await firstLines(run.runId);
    const [pid] = pidsFromLog(lines[0]!.text);
    const cancelled = (
      await server.app.inject({ method: 'DELETE', url: `/api/runs/${run.runId}` })
    ).json<RunRecord>();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.errorMessage).toContain('SIGKILL');
    expect(alive(pid)).toBe(false);
  });

  it('queues beyond maxConcurrentRuns in FIFO order and answers 429 when the queue is full', async () => {
    const first = await launch('sleeper');
    const second = await launch('sleeper');
    const third = await launch('sleeper');
    const fourth = await launch('sleeper');
    expect([first.status, second.status, third.status, fourth.status]).toEqual([
      'running',
      'running',
      'queued',
      'queued',
    ]);
    const before = (
      await server.app.inject({ method: 'GET', url: '/api/runs' })
    ).json<RunListBody>().total;
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/modules/sleeper/runs',
      payload: { parameters: {} },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json<ErrorBody>().error.code).toBe('QUEUE_FULL');
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/runs' })).json<RunListBody>().total,
    ).toBe(before);

    const stats = (
      await server.app.inject({ method: 'GET', url: '/api/system/stats' })
    ).json<SystemStatsBody>();
    expect(stats.runs).toMatchObject({ active: 2, queued: 2 });

    // Cancelling a queued run takes it out without ever starting it.
    const cancelledQueued = (
      await server.app.inject({ method: 'DELETE', url: `/api/runs/${fourth.runId}` })
    ).json();
    expect(cancelledQueued).toMatchObject({ status: 'cancelled', startedAt: null });
    // Freeing a slot starts the oldest waiting run.
    await server.app.inject({ method: 'DELETE', url: `/api/runs/${first.runId}` });
    expect((await waitForStatus(third.runId, ['running'])).status).toBe('running');
    await server.app.inject({ method: 'DELETE', url: `/api/runs/${second.runId}` });
    await server.app.inject({ method: 'DELETE', url: `/api/runs/${third.runId}` });
  });

  it('filters the history by status and module, newest first', async () => {
    const cancelled = (
      await server.app.inject({
        method: 'GET',
        url: '/api/runs?status=cancelled&moduleId=sleeper&limit=2',
      })
    ).json<RunListBody>();
    expect(cancelled.total).toBeGreaterThanOrEqual(4);
    expect(cancelled.runs).toHaveLength(2);
    expect(
      cancelled.runs.every((run) => run.status === 'cancelled' && run.moduleId === 'sleeper'),
    ).toBe(true);
    expect(cancelled.runs[0]!.createdAt >= cancelled.runs[1]!.createdAt).toBe(true);
  });
});
