import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, spawnCli, waitForListening } from '../cli-process.js';
import {
  SECURITY_MODULES,
  makeDataDir,
  removeDataDir,
  startLiveServer,
  waitForRun,
  postRun,
} from './security-server.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

describe('smaller hardening', () => {
  it('answers a full queue with 429 and Retry-After', async () => {
    const live = await startLiveServer({ maxConcurrentRuns: 1, maxQueuedRuns: 0 });
    dirs.push(live.dataDir);
    try {
      const first = await postRun(live.baseUrl, 'sleeper');
      expect(first.status).toBe(202);
      const refused = await postRun(live.baseUrl, 'sleeper');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await live.server.close();
    }
  });

  it('keeps the database, run logs and folders private to their owner', async () => {
    const live = await startLiveServer();
    dirs.push(live.dataDir);
    try {
      const launched = await postRun(live.baseUrl, 'echo', '{"parameters":{"output":"out.txt"}}');
      const { runId } = launched.json as { runId: string };
      await waitForRun(live.baseUrl, runId, ['completed']);
      const runDir = path.join(live.dataDir, 'runs', runId);
      expect(mode(path.join(live.dataDir, 'prismq.db')).toString(8)).toBe('600');
      expect(mode(path.join(runDir, 'run.log')).toString(8)).toBe('600');
      for (const dir of [
        live.dataDir,
        path.join(live.dataDir, 'runs'),
        runDir,
        path.join(runDir, 'output'),
      ])
        expect(mode(dir).toString(8), dir).toBe('700');
    } finally {
      await live.server.close();
    }
  });

  it('refuses a non-loopback --host without a token unless --allow-insecure', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const refused = await collect(
      spawnCli(['--data-dir', dataDir, '--host', '0.0.0.0', '--port', '0'], {
        PRISMQ_API_TOKEN: '',
      }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('host');
    expect(refused.stderr).toContain('PRISMQ_API_TOKEN');
    expect(refused.stderr).toContain('--allow-insecure');

    const allowed = spawnCli(
      ['--data-dir', dataDir, '--host', '0.0.0.0', '--port', '0', '--allow-insecure'],
      { PRISMQ_API_TOKEN: '' },
    );
    const done = collect(allowed);
    await waitForListening(allowed);
    allowed.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('cancels runs still going when --shutdown-timeout runs out under --on-shutdown finish', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const child = spawnCli([
      '--modules',
      SECURITY_MODULES,
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--on-shutdown',
      'finish',
      '--shutdown-timeout',
      '300',
    ]);
    const done = collect(child);
    const url = await waitForListening(child);
    const launched = await postRun(url, 'sleeper');
    const { runId } = launched.json as { runId: string };
    await waitForRun(url, runId, ['running']);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);

    const reader = await startLiveServer({ dataDir });
    try {
      const run = await waitForRun(reader.baseUrl, runId, ['cancelled', 'failed', 'completed']);
      expect(run.status).toBe('cancelled');
    } finally {
      await reader.server.close();
    }
  });
});
