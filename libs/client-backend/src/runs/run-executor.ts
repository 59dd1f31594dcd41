import type { Progress } from '../capture/log-line.js';
import type { OutputCapture } from '../capture/output-capture.js';
import type { ModuleDefinition } from '../registry/module-schema.js';
import type { ValidatedLaunch } from './launch-validation.js';

/** A run handed to a {@link RunExecutor}: its id, its module and the launch validated for it. */
export interface RunToExecute {
  /** The run's id (a uuid), which names its folder. */
  readonly runId: string;
  /** The module the run is of. */
  readonly module: ModuleDefinition;
  /** Its argv, write paths and recorded parameters. */
  readonly launch: ValidatedLaunch;
}

/** How a run's execution ended. */
export interface RunExecutionEnd {
  /** `completed` when the module exited with code 0. */
  status: 'completed' | 'failed';
  /** The module's exit code; null when it was ended by a signal or never ran. */
  exitCode: number | null;
  /** Why it failed, in words that quote no parameter value; null when it completed. */
  errorMessage: string | null;
}

/** A process group leading a run, as it must be recorded for a later server to end it. */
export interface StartedProcessGroup {
  /** Process group id (the leader's pid). */
  pgid: number;
  /** Start time of the group leader (see `processStartTime`), null when unknown. */
  processStart: string | null;
}

/**
 * What an execution reports to its run manager, which turns each report into the run's state
 * and its store writes. An execution writes no store itself.
 */
export interface RunExecutionEvents {
  /**
   * The run's process exists; reported before anything else of it can happen. A run executed
   * elsewhere (a queue worker) has no process group of this machine to record.
   */
  started(group?: StartedProcessGroup): void;
  /** The module printed a `::progress` line. */
  progress(progress: Progress): void;
  /** The execution has ended, or its process could not be created; reported once. */
  ended(end: RunExecutionEnd): void;
}

/** A run being executed. */
export interface RunExecution {
  /** The run's output lines, in memory and in its log file. */
  readonly capture: OutputCapture;
  /** Asks the run to stop (SIGTERM); false when it has no process to stop. */
  stop(): boolean;
  /** Ends the run at once (SIGKILL), synchronously. */
  kill(): void;
  /**
   * True when the run only begins once `started` is reported, later (a queue worker took it);
   * until then it stays `queued`. Otherwise it is running as soon as `start` returns.
   */
  readonly startsLater?: boolean;
}

/**
 * Where runs execute. The run manager decides when a run starts, records what happens to it
 * and cancels it; an executor decides where and how it runs.
 */
export interface RunExecutor {
  /**
   * Starts a run; its lines go to the returned capture and the rest is reported through
   * `events`. Throws when it cannot begin, with a message that says why and quotes no
   * parameter value (it becomes the run's `errorMessage`).
   */
  start(run: RunToExecute, events: RunExecutionEvents): RunExecution;
}
