import type { RunManager } from '../src/runs/run-manager.js';
import type { RunRecord, RunStatus } from '../src/store/run-record.js';

/**
 * Resolves with the run's record once it is in one of `statuses`, woken by the run manager's
 * status events rather than by polling; rejects after `timeoutMs`.
 */
export function runReaches(
  runs: RunManager,
  runId: string,
  statuses: readonly RunStatus[],
  timeoutMs = 10_000,
): Promise<RunRecord> {
  const now = runs.getRun(runId);
  if (statuses.includes(now.status)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`run ${runId} did not reach ${statuses.join('/')} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = runs.subscribe(runId, (run) => {
      if (!statuses.includes(run.status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(run);
    });
  });
}
