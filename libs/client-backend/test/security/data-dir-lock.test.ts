import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, spawnCli, waitForListening } from '../cli-process.js';
import { processStartTime } from '../../src/store/process-identity.js';
import {
  SECURITY_MODULES,
  makeDataDir,
  rawRequest,
  removeDataDir,
  startLiveServer,
  waitForRun,
  postRun,
} from './security-server.js';

const dirs: string[] = [];
const children: ReturnType<typeof spawnCli>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const closed = collect(child);
      child.kill('SIGKILL');
      await closed;
    }
  }
  dirs.splice(0).forEach(removeDataDir);
});

function serve(dataDir: string): ReturnType<typeof spawnCli> {
  const child = spawnCli(['--modules', SECURITY_MODULES, '--data-dir', dataDir, '--port', '0']);
  children.push(child);
  return child;
}

describe('one server per data folder', () => {
  it('makes a second server exit non-zero naming the holder, and leaves the runs of the first alone', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = serve(dataDir);
    const url = await waitForListening(first);
    const lock = JSON.parse(readFileSync(path.join(dataDir, 'prismq.lock'), 'utf8'));
    expect(lock).toEqual({ pid: first.pid, startTime: processStartTime(first.pid!) });

    const launched = await postRun(url, 'sleeper');
    const { runId } = launched.json as { runId: string };
    await waitForRun(url, runId, ['running']);

    const second = serve(dataDir);
    const startedAt = Date.now();
    const result = await collect(second);
    // Node and tsx start-up are most of this; the lock check itself is immediate.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`pid ${first.pid}`);
    expect(result.stderr).toContain(dataDir);

    // Embedded servers get the same refusal, as a typed error.
    await expect(startLiveServer({ dataDir })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      holderPid: first.pid,
    });

    const run = await rawRequest(url, { path: `/api/runs/${runId}` });
    expect((run.json as { status: string }).status).toBe('running');
  });

  it('takes over at once the lock of a server that was killed with SIGKILL', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = serve(dataDir);
    await waitForListening(first);
    const closed = collect(first);
    first.kill('SIGKILL');
    await closed;

    const second = serve(dataDir);
    await waitForListening(second);
    const lock: unknown = JSON.parse(readFileSync(path.join(dataDir, 'prismq.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: second.pid });
  });
});
