import path from 'node:path';
import { RunManager, RunStore, type RunRecord } from '@prismq/client-backend';
import { benchRegistry } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';

/** A run manager in a scratch folder, and how to take it down again. */
export interface HeldRunManager {
  readonly manager: RunManager;
  readonly store: RunStore;
  readonly close: () => Promise<void>;
}

/**
 * A run manager whose single run slot is taken by a `hold` run, so every run created while
 * measuring is queued and no process starts inside the timed loop. `history` is stored
 * first, for cases that read runs back.
 */
export function openHeldRunManager(
  label: string,
  history: readonly RunRecord[] = [],
): HeldRunManager {
  const scratch = scratchFolder(label);
  const store = new RunStore(path.join(scratch.dir, 'prismq.db'));
  for (const run of history) store.saveRun(run);
  const manager = new RunManager({
    registry: benchRegistry(),
    store,
    runsDir: path.join(scratch.dir, 'runs'),
    maxConcurrentRuns: 1,
    maxQueuedRuns: 100_000_000,
  });
  manager.createRun('hold', {}, false);
  return {
    manager,
    store,
    close: async () => {
      await manager.shutdown();
      store.close();
      scratch.remove();
    },
  };
}
