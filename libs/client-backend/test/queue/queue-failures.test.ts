import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/http/server.js';
import type { PrismqServer } from '../../src/http/server.js';
import { parseCliArgs } from '../../src/cli-options.js';
import { parseServerOptions } from '../../src/http/server-options.js';
import { QueueUrlError } from '../../src/queue/queue-errors.js';
import { parseQueueUrl } from '../../src/queue/queue-url.js';
import { parseWorkerOptions } from '../../src/queue/worker-options.js';
import { waitFor } from '../wait-for.js';
import { processesIn, spawnBuiltCli, type CliProcess } from './built-cli.js';
import { isOneToN, readDemoLog } from './run-log-check.js';
import { HAS_REDIS, startRedis, type TestRedis } from './redis-server.js';

const LOCK_MS = 1_500;
const runIfRedis = HAS_REDIS || process.env.CI === 'true' ? describe : describe.skip;

describe('queue URLs', () => {
  it.each([
    ['http://127.0.0.1:6379', /must start with redis:\/\/ or rediss:\/\//],
    ['127.0.0.1:6379', /must start with redis:\/\//],
    ['redis://', /names no host/],
    ['redis://:6379', /names no host|not a valid URL/],
    ['redis://h:0', /port must be a number from 1 to 65535/],
    ['redis://h:65536', /port must be a number from 1 to 65535/],
    ['redis://h:12ab', /port must be a number from 1 to 65535/],
    ['redis://h:6379/99', /database must be a number from 0 to 15/],
    ['redis://h\u0000:6379', /control characters/],
    ['--concurrency', /looks like a flag/],
    ['-h', /looks like a flag/],
    ['redis://h:6379?x=1', /no query/],
  ])('refuses %j naming the option and the rule', (value, rule) => {
    let error: unknown;
    try {
      parseQueueUrl(value, '--queue');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueueUrlError);
    expect((error as QueueUrlError).code).toBe('QUEUE_URL_INVALID');
    expect((error as Error).message).toMatch(/^--queue: /);
    expect((error as Error).message).toMatch(rule);
    expect(() => parseServerOptions({ queue: value })).toThrow(/queue: /);
    expect(() => parseWorkerOptions({ queue: value })).toThrow(/queue: /);
  });

  it('reads host, port, database, credentials and TLS', () => {
    expect(parseQueueUrl('rediss://user:p%40ss@cache.internal:6380/2')).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      db: 2,
      tls: true,
      username: 'user',
      password: 'p@ss',
      display: 'rediss://cache.internal:6380/2',
    });
    expect(parseQueueUrl('redis://[::1]')).toMatchObject({ host: '::1', port: 6379, db: 0 });
  });

  it('is refused at option parsing by both commands, before anything starts', async () => {
    expect(parseCliArgs(['worker', '--queue', 'redis://h:1', '--concurrency', '2'])).toEqual({
      kind: 'worker',
      options: { queue: 'redis://h:1', concurrency: 2 },
    });
    expect(() => parseCliArgs(['--queue', '--port', '1'])).toThrow(/--queue/);
    const server = spawnBuiltCli(['--port', '0', '--queue', 'http://127.0.0.1:6379']);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/queue: must start with redis:\/\//);
    const worker = spawnBuiltCli(['worker', '--queue', 'redis://127.0.0.1:99999']);
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/invalid worker options:\s+queue: port must be a number/);
    const env = spawnBuiltCli(['worker'], { PRISMQ_QUEUE: 'redis://' });
    expect(await env.exited).toBe(1);
    expect(env.output()).toMatch(/queue: names no host/);
  });
});

runIfRedis('queue failures', { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function deployment(extras: { queueProtocolVersion?: number } = {}): Promise<{
    redis: TestRedis;
    server: PrismqServer;
    baseUrl: string;
    worker: CliProcess;
    workerDir: string;
  }> {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const root = mkdtempSync(path.join(tmpdir(), 'prismq-queue-failure-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const workerDir = path.join(root, 'worker');
    const worker = spawnBuiltCli([
      'worker',
      '--queue',
      redis.url,
      '--data-dir',
      workerDir,
      '--lock-duration',
      String(LOCK_MS),
    ]);
    cleanups.push(async () => {
      worker.child.kill('SIGKILL');
      await worker.exited;
    });
    await worker.waitForLine('worker ready');
    const server = await startServer(
      {
        port: 0,
        dataDir: path.join(root, 'server'),
        logLevel: 'silent',
        queue: redis.url,
        lockDurationMs: LOCK_MS,
        // Room for the SIGTERM to travel through Redis on a busy machine before SIGKILL follows.
        killGraceMs: 3_000,
      },
      extras,
    );
    cleanups.push(() => server.close());
    return { redis, server, baseUrl: await server.listen(), worker, workerDir };
  }

  it('cancels a run on its worker, ending the module and its process group', async () => {
    const { server, worker, workerDir } = await deployment();
    const run = server.runs.createRun('demo', { lines: 100_000, 'delay-ms': 20, burst: 10 }, false);
    await waitFor(() => server.runs.getRun(run.runId).status === 'running', { what: 'running' });
    await waitFor(() => processesIn(workerDir).length > 0, { what: 'module started' });
    const cancelled = await server.runs.cancel(run.runId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.errorMessage).toMatch(/SIGTERM/);
    expect(processesIn(workerDir)).toEqual([]);
    await worker.waitForLine('"msg":"run ended"');
  });

  it('takes a run off the queue when it is cancelled before a worker took it', async () => {
    const { server, worker } = await deployment();
    worker.child.kill('SIGSTOP');
    const run = server.runs.createRun('demo', { lines: 5 }, false);
    const cancelled = await server.runs.cancel(run.runId);
    worker.child.kill('SIGCONT');
    expect(cancelled).toMatchObject({ status: 'cancelled', startedAt: null });
  });

  it('ends runs failed, keeping their lines, when Redis goes away mid-run', async () => {
    const { redis, server, baseUrl, workerDir } = await deployment();
    const run = server.runs.createRun('demo', { lines: 100_000, 'delay-ms': 20, burst: 10 }, false);
    await waitFor(() => (server.runs.getCapture(run.runId)?.lastSeq ?? 0) > 200, {
      what: 'lines arrived',
    });
    await redis.stop();
    const seen = server.runs.getCapture(run.runId)?.lastSeq ?? 0;
    const ended = await waitFor(
      () => {
        const state = server.runs.getRun(run.runId);
        return state.status === 'running' ? undefined : state;
      },
      { timeoutMs: 4 * LOCK_MS, intervalMs: 50, what: 'the run ended' },
    );
    expect(ended.status).toBe('failed');
    expect(ended.errorMessage).toMatch(
      /lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+\/0 for over 1500 ms/,
    );
    // History and lines stay: the record in SQLite, every line received in the log file.
    const stored = (await (await fetch(`${baseUrl}/api/runs/${run.runId}`)).json()) as {
      status: string;
    };
    expect(stored.status).toBe('failed');
    const tail = (await (await fetch(`${baseUrl}/api/runs/${run.runId}/logs?tail=1`)).json()) as {
      totalLines: number;
    };
    expect(tail.totalLines).toBeGreaterThanOrEqual(seen);
    // The worker, cut off too, stops the module rather than run it for nobody.
    await waitFor(() => processesIn(workerDir).length === 0, {
      timeoutMs: 4 * LOCK_MS,
      what: 'the module ended',
    });
  });

  it('fails a job of another protocol version with an error naming both versions', async () => {
    const { server, worker } = await deployment({ queueProtocolVersion: 99 });
    const run = server.runs.createRun('demo', { lines: 5 }, false);
    const ended = await waitFor(
      () => {
        const state = server.runs.getRun(run.runId);
        return ['failed', 'completed'].includes(state.status) ? state : undefined;
      },
      { what: 'the run ended' },
    );
    expect(ended.status).toBe('failed');
    expect(ended.errorMessage).toMatch(
      /queue protocol mismatch: the job speaks version 99, this worker \(prismq-backend [\d.]+\) speaks version 1/,
    );
    expect(worker.output()).toContain('queue protocol mismatch');
  });

  it('follows its runs on after a restart (kill -9), from the last line it had, none twice', async () => {
    const { redis, server: inProcess, worker } = await deployment();
    await inProcess.close();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'prismq-queue-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const serverArgs = ['--port', '0', '--data-dir', dataDir, '--queue', redis.url];
    const start = async (): Promise<{ process: CliProcess; url: string }> => {
      const process = spawnBuiltCli([...serverArgs, '--lock-duration', String(LOCK_MS)]);
      cleanups.push(async () => {
        process.child.kill('SIGKILL');
        await process.exited;
      });
      const line = await process.waitForLine('prismq-backend listening');
      return { process, url: (JSON.parse(line) as { url: string }).url };
    };
    const first = await start();
    const response = await fetch(`${first.url}/api/modules/demo/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        parameters: { lines: 3_000, 'delay-ms': 20, burst: 20 },
        saveConfig: false,
      }),
    });
    const { runId } = (await response.json()) as { runId: string };
    await waitFor(
      async () => {
        const tail = (await (await fetch(`${first.url}/api/runs/${runId}/logs?tail=1`)).json()) as {
          totalLines: number;
        };
        return tail.totalLines > 300;
      },
      { what: 'lines arrived' },
    );
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    const second = await start();
    await waitFor(
      async () =>
        ((await (await fetch(`${second.url}/api/runs/${runId}`)).json()) as { status: string })
          .status === 'completed',
      { timeoutMs: 20_000, what: 'the run completed under the new server' },
    );
    const log = await readDemoLog(second.url, runId);
    expect(log.idsConsecutive).toBe(true);
    expect(isOneToN(log.numbers, 3_000)).toBe(true);
    expect(worker.output()).not.toContain('"msg":"job failed"');
  });
});
