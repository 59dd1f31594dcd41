import type { ValidatedLaunch } from './launch-validation.js';
import type { ModuleDefinition } from '../registry/module-schema.js';
import type { RunRecord } from '../store/run-record.js';
import type { RunExecution } from './run-executor.js';

/** Called with the run after each change of status. */
export type RunListener = (run: RunRecord) => void;

/** A run that is queued or running in this process, with what only a live run has. */
export interface ActiveRun {
  record: RunRecord;
  module: ModuleDefinition;
  launch: ValidatedLaunch;
  /** Set once the run has started executing. */
  execution?: RunExecution;
  cancelRequested: boolean;
  /** Counted in `running` since it started, whether or not the process could be spawned. */
  holdsSlot: boolean;
  killTimer?: NodeJS.Timeout;
  listeners: Set<RunListener>;
  /** Settles when the run has reached a finished status. */
  finished: Promise<void>;
  markFinished: () => void;
}

/** A queued run's live state, before its process starts. */
export function activeRun(
  record: RunRecord,
  module: ModuleDefinition,
  launch: ValidatedLaunch,
): ActiveRun {
  let markFinished = (): void => undefined;
  const finished = new Promise<void>((resolve) => (markFinished = resolve));
  return {
    record,
    module,
    launch,
    cancelRequested: false,
    holdsSlot: false,
    listeners: new Set(),
    finished,
    markFinished,
  };
}

/** A copy of the run's record that later changes do not reach. */
export function snapshotOf(run: ActiveRun): RunRecord {
  return { ...run.record, progress: { ...run.record.progress } };
}
