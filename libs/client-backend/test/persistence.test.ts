import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/store/run-record.js';
import type { LogsBody, ModuleConfigBody, RunListBody } from './api-bodies.js';
import { collect, spawnCli, waitForListening } from './cli-process.js';
import { createServer } from '../src/http/server.js';
import { FIXTURE_MODULES, makeDataDir, removeDataDir, startTestServer } from './test-server.js';
import { sleeperPids } from './sleeper-pids.js';
import { waitFor } from './wait-for.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('restart on the same data folder', () => {
  it('keeps run history, logs and module configs', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = await startTestServer(dataDir);
    const launched = await first.app.inject({
      method: 'POST',
      url: '/api/modules/lines/runs',
      payload: { parameters: { count: 20, prefix: 'kept' } },
    });
    const { runId } = launched.json<RunRecord>();
    await expect
      .poll(
        async () =>
          (await first.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json<RunRecord>()
            .status,
      )
      .toBe('completed');
    await first.close();

    const second = await startTestServer(dataDir);
    try {
      const run = (
        await second.app.inject({ method: 'GET', url: `/api/runs/${runId}` })
      ).json<RunRecord>();
      expect(run).toMatchObject({
        runId,
        status: 'completed',
        exitCode: 0,
        parameters: { count: 20, prefix: 'kept' },
        progress: { percent: 100 },
      });
      const config = (
        await second.app.inject({ method: 'GET', url: '/api/modules/lines/config' })
      ).json<ModuleConfigBody>();
      expect(config.parameters).toEqual({ count: 20, prefix: 'kept' });
      const logs = (
        await second.app.inject({ method: 'GET', url: `/api/runs/${runId}/logs?tail=2` })
      ).json<LogsBody>();
      expect(logs).toMatchObject({ totalLines: 21, truncated: true });
      expect(logs.lines.map((line: { seq: number }) => line.seq)).toEqual([20, 21]);
      const list = (
        await second.app.inject({ method: 'GET', url: '/api/runs' })
      ).json<RunListBody>();
      expect(list.total).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('marks runs of a killed server as failed: interrupted by server restart', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const child = spawnCli(['--modules', FIXTURE_MODULES, '--data-dir', dataDir, '--port', '0']);
    const done = collect(child);
    const url = await waitForListening(child);
    const response = await fetch(`${url}/api/modules/sleeper/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"parameters":{}}',
    });
    const { runId } = (await response.json()) as RunRecord;
    const [pid] = await sleeperPids(url, runId);
    // SIGKILL skips every shutdown path, as a crash would; the orphaned module is cleaned up by hand.
    child.kill('SIGKILL');
    await done;
    try {
      process.kill(-pid!, 'SIGKILL');
    } catch {
      // already gone
    }

    const restarted = await startTestServer(dataDir);
    try {
      const run = (
        await restarted.app.inject({ method: 'GET', url: `/api/runs/${runId}` })
      ).json<RunRecord>();
      expect(run).toMatchObject({
        status: 'failed',
        errorMessage: 'interrupted by server restart',
      });
      expect(run.completedAt).toEqual(expect.any(String));
      expect(existsSync(`${dataDir}/runs/${runId}/run.log`)).toBe(true);
      expect(readFileSync(`${dataDir}/runs/${runId}/run.log`, 'utf8')).toContain('pids');
    } finally {
      await restarted.close();
    }
  });

  it('deletes finished runs and their folders with maintenance cleanup', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const server = await startTestServer(dataDir);
    try {
      const { runId } = (
        await server.app.inject({
          method: 'POST',
          url: '/api/modules/lines/runs',
          payload: { parameters: { count: 1 } },
        })
      ).json();
      await expect
        .poll(
          async () =>
            (
              await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })
            ).json<RunRecord>().status,
        )
        .toBe('completed');
      const keep = await server.app.inject({
        method: 'POST',
        url: '/api/system/maintenance/cleanup',
        payload: { olderThanHours: 1 },
      });
      expect(keep.json()).toEqual({ deleted: 0 });
      // "Older than 0 hours" means completed before now: wait until the clock has moved past it.
      const completedAt = Date.parse(
        (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json<RunRecord>()
          .completedAt!,
      );
      await waitFor(() => Date.now() > completedAt, { what: 'the clock passing completedAt' });
      const removed = await server.app.inject({
        method: 'POST',
        url: '/api/system/maintenance/cleanup',
        payload: { olderThanHours: 0 },
      });
      expect(removed.json()).toEqual({ deleted: 1 });
      expect(
        (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).statusCode,
      ).toBe(404);
      expect(existsSync(`${dataDir}/runs/${runId}`)).toBe(false);
      const bad = await server.app.inject({
        method: 'POST',
        url: '/api/system/maintenance/cleanup',
        payload: { olderThanHours: -1 },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await server.close();
    }
  });

  it('lets running runs end on close with onShutdown finish, and cancels them by default', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const launchDemo = async (onShutdown: 'cancel' | 'finish'): Promise<string> => {
      const server = await createServer({ dataDir, port: 0, logLevel: 'silent', onShutdown });
      const launched = await server.app.inject({
        method: 'POST',
        url: '/api/modules/demo/runs',
        payload: { parameters: { lines: 4, 'delay-ms': 100 } },
      });
      const { runId } = launched.json<RunRecord>();
      await server.close();
      return runId;
    };
    const finished = await launchDemo('finish');
    const cancelled = await launchDemo('cancel');
    const reader = await startTestServer(dataDir);
    try {
      const get = async (runId: string) =>
        (await reader.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json<RunRecord>();
      expect(await get(finished)).toMatchObject({
        status: 'completed',
        exitCode: 0,
        progress: { processed: 4 },
      });
      expect(await get(cancelled)).toMatchObject({ status: 'cancelled' });
    } finally {
      await reader.close();
    }
  });
});
