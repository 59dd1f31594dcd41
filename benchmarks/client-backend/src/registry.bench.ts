import { randomUUID } from 'node:crypto';
import { bench, do_not_optimize, group, summary } from 'mitata';
import type { RunManager, RunRecord } from '@prismq/client-backend';
import { TYPICAL_PARAMETERS } from './bench-modules.js';
import { openHeldRunManager } from './held-run-manager.js';

// The run registry without HTTP: validation, queueing and SQLite. Launches are measured with
// one `hold` run occupying the single run slot, so each created run is queued and no process
// starts inside the timed loop.

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
  const finishedRuns = Array.from({ length: 1_000 }, (_, i) => finishedRun(i));
  const held = openHeldRunManager('registry', finishedRuns);
  try {
    yield measure(held.manager, finishedRuns[500]!.runId);
  } finally {
    await held.close();
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
