import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type PrismqServer } from '../../src/http/server.js';
import { openSse } from '../sse-client.js';
import { waitFor } from '../wait-for.js';
import { processesIn, spawnBuiltCli, type CliProcess } from './built-cli.js';
import { HAS_REDIS, startRedis, type TestRedis } from './redis-server.js';

const LOCK_MS = 1_500;
const MODULES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'retry-modules.json',
);
const runIfRedis = HAS_REDIS || process.env.CI === 'true' ? describe : describe.skip;

runIfRedis('a retry-safe module whose worker is lost', { timeout: 60_000 }, () => {
  let redis: TestRedis;
  let root: string;
  let server: PrismqServer;
  let baseUrl: string;
  const workers: { process: CliProcess; dir: string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    root = mkdtempSync(path.join(tmpdir(), 'prismq-queue-retry-'));
    for (let i = 0; i < 2; i++) {
      const dir = path.join(root, `worker-${i}`);
      const args = ['worker', '--queue', redis.url, '--data-dir', dir, '--modules', MODULES];
      workers.push({ process: spawnBuiltCli([...args, '--lock-duration', String(LOCK_MS)]), dir });
    }
    await Promise.all(workers.map((worker) => worker.process.waitForLine('worker ready')));
    server = await startServer(
      {
        port: 0,
        dataDir: path.join(root, 'server'),
        logLevel: 'silent',
        modulesFile: MODULES,
        queue: redis.url,
        lockDurationMs: LOCK_MS,
      },
      {},
    );
    baseUrl = await server.listen();
  });

  afterAll(async () => {
    for (const worker of workers) worker.process.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.process.exited));
    await server?.close();
    await redis?.stop();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('runs again on another worker, its log marking where the new attempt begins', async () => {
    const run = server.runs.createRun(
      'numbers',
      { lines: 2_000, 'delay-ms': 20, burst: 20 },
      false,
    );
    const holder = await waitFor(
      () => workers.find((worker) => processesIn(worker.dir).length > 0),
      { what: 'a worker runs the module' },
    );
    await waitFor(() => (server.runs.getCapture(run.runId)?.lastSeq ?? 0) > 100, {
      what: 'lines arrived',
    });
    holder.process.child.kill('SIGKILL');
    const ended = await waitFor(
      () => {
        const state = server.runs.getRun(run.runId);
        return ['completed', 'failed'].includes(state.status) ? state : undefined;
      },
      { timeoutMs: 30_000, what: 'the run ended' },
    );
    expect(ended.status).toBe('completed');

    const stream = await openSse(`${baseUrl}/api/runs/${run.runId}/logs/stream`);
    await stream.ended;
    const lines = stream.events
      .filter((event) => event.event === 'log')
      .map((event) => ({ id: Number(event.id), ...(JSON.parse(event.data) as { text: string }) }));
    // One sequence across attempts: ids never go back or repeat.
    expect(lines.every((line, index) => line.id === index + 1)).toBe(true);
    const marker = lines.findIndex((line) =>
      /^prismq: warning: attempt 2 started on worker/.test(line.text),
    );
    expect(marker).toBeGreaterThan(0);
    const numbers = (from: number, to?: number): number[] =>
      lines
        .slice(from, to)
        .map((line) => /#(\d+)$/.exec(line.text)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number);
    const first = numbers(0, marker);
    expect(first.every((n, index) => n === index + 1)).toBe(true);
    const second = numbers(marker + 1);
    expect(second).toEqual(Array.from({ length: 2_000 }, (_, index) => index + 1));
  });
});
