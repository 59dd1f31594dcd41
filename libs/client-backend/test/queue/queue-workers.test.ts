import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../wait-for.js';
import { processesIn, spawnBuiltCli, type CliProcess } from './built-cli.js';
import { HAS_REDIS, startRedis, type TestRedis } from './redis-server.js';
import { isOneToN, readDemoLog } from './run-log-check.js';

// The whole deployment as users run it: a real redis-server, the built `prismq-backend`
// server with --queue, three `prismq-backend worker` processes, and one of them killed with
// SIGKILL while it runs modules. Everything is checked through the HTTP API and SSE.

const WORKERS = 3;
const CONCURRENCY = 4;
const RUNS = 30;
const LINES = 10_000;
const LOCK_MS = 3_000;
const DEMO = { lines: LINES, 'delay-ms': 60, burst: 500 };

interface Run {
  runId: string;
  status: string;
  errorMessage: string | null;
}

const runIfRedis = HAS_REDIS || process.env.CI === 'true' ? describe : describe.skip;
if (!HAS_REDIS && process.env.CI !== 'true')
  console.warn('redis-server is not installed: the queue worker tests are skipped');

runIfRedis('runs on queue workers', { timeout: 90_000 }, () => {
  let redis: TestRedis;
  let root: string;
  let server: CliProcess;
  let baseUrl: string;
  const workers: { process: CliProcess; dir: string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    root = mkdtempSync(path.join(tmpdir(), 'prismq-queue-test-'));
    server = spawnBuiltCli([
      '--port',
      '0',
      '--data-dir',
      path.join(root, 'server'),
      '--queue',
      redis.url,
      '--lock-duration',
      String(LOCK_MS),
      '--max-concurrent',
      '100',
    ]);
    const listening = await server.waitForLine('prismq-backend listening');
    baseUrl = (JSON.parse(listening) as { url: string }).url;
    for (let i = 0; i < WORKERS; i++) {
      const dir = path.join(root, `worker-${i}`);
      const worker = spawnBuiltCli([
        'worker',
        '--queue',
        redis.url,
        '--data-dir',
        dir,
        '--concurrency',
        String(CONCURRENCY),
        '--lock-duration',
        String(LOCK_MS),
      ]);
      workers.push({ process: worker, dir });
    }
    await Promise.all(workers.map((worker) => worker.process.waitForLine('worker ready')));
  });

  afterAll(async () => {
    for (const worker of workers) worker.process.child.kill('SIGTERM');
    server?.child.kill('SIGTERM');
    await Promise.all([...workers.map((worker) => worker.process.exited), server?.exited]);
    await redis?.stop();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  async function launch(parameters: Record<string, unknown>): Promise<Run> {
    const response = await fetch(`${baseUrl}/api/modules/demo/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ parameters, saveConfig: false }),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as Run;
  }

  async function getRun(runId: string): Promise<Run> {
    return (await (await fetch(`${baseUrl}/api/runs/${runId}`)).json()) as Run;
  }

  it('delivers every line of 30 runs exactly once, in order, while a worker is killed with SIGKILL', async () => {
    const runs = await Promise.all(Array.from({ length: RUNS }, () => launch(DEMO)));
    // Live SSE clients from the start, as a browser would follow each run.
    const live = runs.map((run) => readDemoLog(baseUrl, run.runId));

    const victim = workers[0]!;
    await victim.process.waitForLine('"msg":"run started"');
    await waitFor(() => processesIn(victim.dir).length > 0, { what: 'a module on the victim' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    victim.process.child.kill('SIGKILL');
    await victim.process.exited;
    // The module guard ends the dead worker's modules at once, long before any lock expires.
    await waitFor(() => processesIn(victim.dir).length === 0, {
      timeoutMs: 2_000,
      what: 'no module left in the killed worker folder',
    });

    const finished = await Promise.all(
      runs.map((run) =>
        waitFor(
          async () => {
            const state = await getRun(run.runId);
            return ['completed', 'failed', 'cancelled'].includes(state.status) ? state : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 100, what: `run ${run.runId} finished` },
        ),
      ),
    );
    const failed = finished.filter((run) => run.status === 'failed');
    const completed = finished.filter((run) => run.status === 'completed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(completed.length + failed.length).toBe(RUNS);
    for (const run of failed)
      expect(run.errorMessage).toMatch(
        new RegExp(`worker running it \\(.*:${victim.process.pid}\\) was lost.*not retrySafe`),
      );

    const logs = await Promise.all(live);
    for (const [index, run] of finished.entries()) {
      const log = logs[index]!;
      expect(log.idsConsecutive, run.runId).toBe(true);
      if (run.status === 'completed') {
        expect(isOneToN(log.numbers, LINES), run.runId).toBe(true);
      } else {
        // What the lost worker delivered is kept: a prefix, no line twice, none missing.
        expect(log.numbers.length).toBeLessThan(LINES);
        expect(isOneToN(log.numbers, log.numbers.length), run.runId).toBe(true);
      }
    }

    // A reconnecting client resumes after its Last-Event-ID, from the server's log file.
    const resumed = await readDemoLog(baseUrl, completed[0]!.runId, 5_000);
    expect(resumed.firstId).toBe(5_001);
    expect(resumed.idsConsecutive).toBe(true);

    // Nothing of the runs outlives them on the workers still up.
    for (const worker of workers)
      await waitFor(() => processesIn(worker.dir).length === 0, { what: `${worker.dir} empty` });
  });

  it('ends a run with the lost-worker message within two lock durations of the kill', async () => {
    const [a, b] = workers.slice(1);
    const run = await launch({ lines: 100_000, 'delay-ms': 20, burst: 10 });
    const holder = await waitFor(
      () =>
        [a!, b!].find((worker) =>
          worker.process.output().includes(`"runId":"${run.runId}","moduleId"`),
        ),
      { what: 'a worker took the run' },
    );
    await waitFor(() => processesIn(holder.dir).length > 0, { what: 'its module started' });
    const killedAt = Date.now();
    holder.process.child.kill('SIGKILL');
    const ended = await waitFor(
      async () => {
        const state = await getRun(run.runId);
        return state.status === 'running' ? undefined : state;
      },
      { timeoutMs: 4 * LOCK_MS, intervalMs: 50, what: 'the run ended' },
    );
    const detectedMs = Date.now() - killedAt;
    console.log(`kill -9 of a worker detected after ${detectedMs} ms (lock ${LOCK_MS} ms)`);
    expect(ended.status).toBe('failed');
    // The documented bound: two lock durations (with a poll's slack).
    expect(detectedMs).toBeLessThan(2 * LOCK_MS + 1_000);
    await waitFor(() => processesIn(holder.dir).length === 0, {
      timeoutMs: 2_000,
      what: 'no orphan',
    });
  });
});
