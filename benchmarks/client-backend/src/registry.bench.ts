import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { RunManager, RunStore, type RunRecord } from '@prismq/client-backend';
import { benchRegistry, TYPICAL_PARAMETERS } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';

// The run registry without HTTP: validation, queueing and SQLite. Launches are measured with
// one `hold` run occupying the single run slot, so each created run is queued and no process
// starts inside the timed loop.

const registry = benchRegistry();

function finishedRun(index: number): RunRecord {
  const created = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  return {
    runId: randomUUID(),
    moduleId: index % 2 === 0 ? 'instant' : 'print-lines',
    moduleName: 'Bench',
    status: 'completed',
    createdAt: created,
    startedAt: created,
    completedAt: created,
    durationMs: 12,
    exitCode: 0,
    errorMessage: null,
    progress: { processed: 10, total: 10, percent: 100 },
    parameters: { input: 'items.jsonl', max_results: 10 },
  };
}

async function* withManager(
  measure: (manager: RunManager, knownRunId: string) => () => unknown,
): AsyncGenerator<() => unknown> {
  const scratch = scratchFolder('registry');
  const store = new RunStore(path.join(scratch.dir, 'prismq.db'));
  const seeded = Array.from({ length: 1_000 }, (_, i) => finishedRun(i));
  for (const run of seeded) store.saveRun(run);
  const manager = new RunManager({
    registry,
    store,
    runsDir: path.join(scratch.dir, 'runs'),
    maxConcurrentRuns: 1,
    maxQueuedRuns: 100_000_000,
  });
  manager.createRun('hold', {}, false);
  try {
    yield measure(manager, seeded[500]!.runId);
  } finally {
    await manager.shutdown();
    store.close();
    scratch.remove();
  }
}

summary(() => {
  group('client-backend/registry', () => {
    bench('client-backend/registry/create-run', async function* () {
      yield* withManager(
        (manager) => () => do_not_optimize(manager.createRun('instant', TYPICAL_PARAMETERS, false)),
      );
    });
    bench('client-backend/registry/get-run', async function* () {
      yield* withManager((manager, runId) => () => do_not_optimize(manager.getRun(runId)));
    });
    bench('client-backend/registry/list-runs-10', async function* () {
      yield* withManager(
        (manager) => () => do_not_optimize(manager.listRuns({ limit: 10, offset: 0 })),
      );
    });
  });
});
