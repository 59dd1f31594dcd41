import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismqServer } from '../src/http/server.js';
import {
  ModuleDisabledError,
  ModuleNotFoundError,
  RunFinishedError,
  RunNotFoundError,
  ServerShuttingDownError,
} from '../src/runs/run-errors.js';
import { rawRequest, type RawResponse } from './security/security-server.js';
import { runReaches } from './run-status-event.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';

async function startLoopback(
  dataDir: string,
  options: Parameters<typeof startTestServer>[1] = {},
): Promise<{ server: PrismqServer; baseUrl: string }> {
  const server = await startTestServer(dataDir, { host: '127.0.0.1', ...options });
  return { server, baseUrl: await server.listen() };
}

function launch(baseUrl: string, moduleId: string, parameters: object = {}): Promise<RawResponse> {
  return rawRequest(baseUrl, {
    method: 'POST',
    path: `/api/modules/${moduleId}/runs`,
    body: JSON.stringify({ parameters }),
  });
}

function errorOf(response: RawResponse): {
  code: string;
  message: string;
  details?: { field: string; rule: string; message: string }[];
} {
  return (response.json as { error: ReturnType<typeof errorOf> }).error;
}

describe('the run machinery refuses with domain errors', () => {
  let server: PrismqServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startTestServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('throws a class with a code for each rule, naming the input', async () => {
    const unknownRun = randomUUID();
    expect(() => server.runs.createRun('nope', {}, false)).toThrow(ModuleNotFoundError);
    expect(() => server.runs.createRun('off', {}, false)).toThrow(ModuleDisabledError);
    expect(() => server.runs.getRun(unknownRun)).toThrow(
      expect.objectContaining({ code: 'RUN_NOT_FOUND', runId: unknownRun }),
    );
    await expect(server.runs.cancel(unknownRun)).rejects.toBeInstanceOf(RunNotFoundError);
    const run = server.runs.createRun('lines', { count: 1 }, false);
    await runReaches(server.runs, run.runId, ['completed']);
    await expect(server.runs.cancel(run.runId)).rejects.toThrow(
      new RunFinishedError(run.runId, 'completed').message,
    );
  });
});

describe('domain errors over HTTP', () => {
  let server: PrismqServer;
  let baseUrl: string;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = makeDataDir();
    ({ server, baseUrl } = await startLoopback(dataDir, {
      maxConcurrentRuns: 1,
      maxQueuedRuns: 0,
    }));
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('answers 404 NOT_FOUND for an unknown module, run or result file', async () => {
    const module = await launch(baseUrl, 'nope');
    expect(module.status).toBe(404);
    expect(errorOf(module)).toEqual({
      code: 'NOT_FOUND',
      message: 'module nope is not in the registry',
      details: [{ field: 'id', rule: 'known-module', message: expect.stringContaining('nope') }],
    });

    const runId = randomUUID();
    for (const method of ['GET', 'DELETE']) {
      const run = await rawRequest(baseUrl, { method, path: `/api/runs/${runId}` });
      expect(run.status, method).toBe(404);
      expect(errorOf(run), method).toMatchObject({
        code: 'NOT_FOUND',
        message: `run ${runId} does not exist`,
        details: [{ field: 'runId', rule: 'known-run' }],
      });
    }

    const done = JSON.parse((await launch(baseUrl, 'lines', { count: 1 })).body) as {
      runId: string;
    };
    await runReaches(server.runs, done.runId, ['completed']);
    const file = await rawRequest(baseUrl, { path: `/api/runs/${done.runId}/results/none.txt` });
    expect(file.status).toBe(404);
    expect(errorOf(file)).toMatchObject({ code: 'NOT_FOUND', details: [{ rule: 'result-file' }] });
  });

  it('answers 409 for a disabled module and for cancelling a finished run', async () => {
    const disabled = await launch(baseUrl, 'off');
    expect(disabled.status).toBe(409);
    expect(errorOf(disabled)).toMatchObject({
      code: 'MODULE_DISABLED',
      message: 'module off is disabled',
    });

    const run = JSON.parse((await launch(baseUrl, 'lines', { count: 1 })).body) as {
      runId: string;
    };
    await runReaches(server.runs, run.runId, ['completed']);
    const cancel = await rawRequest(baseUrl, { method: 'DELETE', path: `/api/runs/${run.runId}` });
    expect(cancel.status).toBe(409);
    expect(errorOf(cancel)).toMatchObject({
      code: 'RUN_FINISHED',
      message: `run ${run.runId} already finished with status completed`,
    });
  });

  it('answers 400 INVALID_INPUT naming each parameter that broke a rule', async () => {
    const response = await launch(baseUrl, 'lines', { count: -1, prefix: 'UPPER' });
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('invalid parameters for module lines');
    expect(error.details?.map((detail) => detail.field).sort()).toEqual([
      'parameters.count',
      'parameters.prefix',
    ]);
  });

  it('answers 429 QUEUE_FULL with Retry-After when nothing more may wait', async () => {
    const running = JSON.parse((await launch(baseUrl, 'sleeper')).body) as { runId: string };
    try {
      const refused = await launch(baseUrl, 'lines', { count: 1 });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('5');
      expect(errorOf(refused)).toMatchObject({
        code: 'QUEUE_FULL',
        message: 'run queue is full: 0 runs waiting (maxQueuedRuns 0)',
        details: [{ field: 'queue', rule: 'max-queued' }],
      });
    } finally {
      await server.runs.cancel(running.runId);
    }
  });
});

describe('while the server shuts down', () => {
  it('refuses new runs with 503 SHUTTING_DOWN and Retry-After, and still answers reads', async () => {
    const dataDir = makeDataDir();
    const { server, baseUrl } = await startLoopback(dataDir, {
      maxConcurrentRuns: 1,
      onShutdown: 'finish',
    });
    try {
      const running = JSON.parse((await launch(baseUrl, 'sleeper')).body) as { runId: string };
      const queued = JSON.parse((await launch(baseUrl, 'sleeper')).body) as { runId: string };
      // Shutdown cancels what waits in the queue first: that event says it has begun.
      const queuedEnded = runReaches(server.runs, queued.runId, ['cancelled']);
      const closed = server.close();
      expect((await queuedEnded).errorMessage).toBe('cancelled by server shutdown');
      expect(server.runs.isShuttingDown).toBe(true);

      const refused = await launch(baseUrl, 'lines', { count: 1 });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.headers['content-type']).toMatch(/^application\/json/);
      expect(errorOf(refused)).toEqual({
        code: 'SHUTTING_DOWN',
        message: new ServerShuttingDownError('lines').message,
        details: [{ field: 'server', rule: 'accepting-runs', message: expect.any(String) }],
      });
      expect(errorOf(refused).message).toContain('lines');
      const health = await rawRequest(baseUrl, { path: '/health' });
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(errorOf(health)).toMatchObject({
        code: 'SHUTTING_DOWN',
        message: 'the server is shutting down: it accepts no new runs',
      });

      // In `finish` mode the running run goes on, and can still be watched and cancelled.
      const read = await rawRequest(baseUrl, { path: `/api/runs/${running.runId}` });
      expect(read.status).toBe(200);
      expect((read.json as { status: string }).status).toBe('running');
      const cancel = await rawRequest(baseUrl, {
        method: 'DELETE',
        path: `/api/runs/${running.runId}`,
      });
      expect(cancel.status).toBe(200);
      await closed;
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });
});
