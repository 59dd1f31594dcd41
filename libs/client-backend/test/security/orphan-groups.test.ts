import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, spawnCli, waitForListening } from '../cli-process.js';
import { endInterruptedGroups } from '../../src/runs/interrupted-runs.js';
import { pidExists, processStartTime } from '../../src/store/process-identity.js';
import { RunStore } from '../../src/store/run-store.js';
import { sleeperPids } from '../sleeper-pids.js';
import { waitFor } from '../wait-for.js';
import {
  SECURITY_MODULES,
  makeDataDir,
  removeDataDir,
  startLiveServer,
  waitForRun,
  postRun,
} from './security-server.js';

const dirs: string[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  dirs.splice(0).forEach(removeDataDir);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// A process that is not our child announces no exit; its pid is polled until it is gone.
function waitUntilGone(pid: number): Promise<boolean> {
  return waitFor(() => !pidExists(pid), { what: `process ${pid} ending` });
}

describe('no orphan modules after a server is killed', () => {
  it('ends the process group of a silent module when the next server starts', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const child = spawnCli(['--modules', SECURITY_MODULES, '--data-dir', dataDir, '--port', '0']);
    const done = collect(child);
    const url = await waitForListening(child);
    const launched = await postRun(url, 'sleeper');
    const { runId } = launched.json as { runId: string };
    const pids = await sleeperPids(url, runId);
    const [leader, grandchild] = pids as [number, number];
    cleanups.push(() => killGroup(leader));

    child.kill('SIGKILL');
    await done;
    // The module writes nothing more, so nothing makes it notice the server is gone.
    expect(pidExists(leader)).toBe(true);
    expect(pidExists(grandchild)).toBe(true);

    const restarted = await startLiveServer({ dataDir });
    try {
      expect(await waitUntilGone(leader)).toBe(true);
      expect(await waitUntilGone(grandchild)).toBe(true);
      const run = await waitForRun(restarted.baseUrl, runId, ['failed']);
      expect(run.errorMessage).toBe('interrupted by server restart');
    } finally {
      await restarted.server.close();
    }
  });

  it('never signals a recorded pid that now belongs to another process', () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const bystander = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], {
      detached: true,
      stdio: 'ignore',
    });
    cleanups.push(() => killGroup(bystander.pid!));
    const store = new RunStore(`${dataDir}/prismq.db`);
    try {
      store.saveRun({
        runId: '00000000-0000-4000-8000-000000000001',
        moduleId: 'sleeper',
        moduleName: 'Sleeper',
        status: 'running',
        createdAt: new Date().toISOString(),
        startedAt: new Date().toISOString(),
        completedAt: null,
        durationMs: null,
        exitCode: null,
        errorMessage: null,
        progress: { processed: 0, total: null, percent: null },
        parameters: {},
      });
      // Same pid as a live process group, but another start time: the pid was handed out again.
      const realStart = processStartTime(bystander.pid!);
      expect(realStart).toBeDefined();
      store.saveProcessGroup(
        '00000000-0000-4000-8000-000000000001',
        bystander.pid!,
        String(Number(realStart) - 1),
      );
      expect(endInterruptedGroups(store)).toEqual([]);
      expect(pidExists(bystander.pid!)).toBe(true);
    } finally {
      store.close();
    }
  });
});
