import type { ErrorDetail } from './error-detail.js';
import type { RunStatus } from '../store/run-record.js';

/** Why the run machinery refused a request. */
export type RunErrorCode =
  | 'MODULE_NOT_FOUND'
  | 'MODULE_DISABLED'
  | 'INVALID_PARAMETERS'
  | 'RUN_NOT_FOUND'
  | 'RUN_FINISHED'
  | 'RESULT_FILE_NOT_FOUND'
  | 'QUEUE_FULL'
  | 'SHUTTING_DOWN';

/**
 * A request the run machinery (`RunManager`) refused. Each subclass names one rule; the
 * HTTP server maps its `code` to a status, embedders catch the class.
 */
export abstract class RunError extends Error {
  /** Machine-readable reason. */
  abstract readonly code: RunErrorCode;
  /** Each field that broke a rule, or the state that refused the request. */
  readonly details: readonly ErrorDetail[];

  /**
   * @param message - what was refused and why, naming the input
   * @param details - each field at fault
   */
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** No module of the registry has the id. */
export class ModuleNotFoundError extends RunError {
  /** Always `MODULE_NOT_FOUND`. */
  readonly code = 'MODULE_NOT_FOUND';
  /** The id that names no module. */
  readonly moduleId: string;

  /** @param moduleId - the unknown id */
  constructor(moduleId: string) {
    super(`module ${moduleId} is not in the registry`, [
      {
        field: 'id',
        rule: 'known-module',
        message: `id ${moduleId} names no module of the registry`,
      },
    ]);
    this.moduleId = moduleId;
  }
}

/** The module exists but has `enabled: false`, so no run of it may start. */
export class ModuleDisabledError extends RunError {
  /** Always `MODULE_DISABLED`. */
  readonly code = 'MODULE_DISABLED';
  /** The disabled module. */
  readonly moduleId: string;

  /** @param moduleId - the disabled module */
  constructor(moduleId: string) {
    super(`module ${moduleId} is disabled`, [
      {
        field: 'id',
        rule: 'enabled',
        message: `module ${moduleId} has enabled: false in the registry`,
      },
    ]);
    this.moduleId = moduleId;
  }
}

/** Parameter values broke the module's parameter rules (type, bounds, required, paths). */
export class InvalidParametersError extends RunError {
  /** Always `INVALID_PARAMETERS`. */
  readonly code = 'INVALID_PARAMETERS';

  /**
   * @param moduleId - the module whose parameters were refused
   * @param problem - which check refused them, e.g. `invalid paths`
   * @param details - each parameter at fault and the rule it broke
   */
  constructor(moduleId: string, problem: string, details: readonly ErrorDetail[]) {
    super(`${problem} for module ${moduleId}`, details);
  }
}

/** No run has the id, neither active nor in the history. */
export class RunNotFoundError extends RunError {
  /** Always `RUN_NOT_FOUND`. */
  readonly code = 'RUN_NOT_FOUND';
  /** The id that names no run. */
  readonly runId: string;

  /** @param runId - the unknown id */
  constructor(runId: string) {
    super(`run ${runId} does not exist`, [
      { field: 'runId', rule: 'known-run', message: `runId ${runId} names no run` },
    ]);
    this.runId = runId;
  }
}

/** Only a queued or running run can be cancelled; this one has ended. */
export class RunFinishedError extends RunError {
  /** Always `RUN_FINISHED`. */
  readonly code = 'RUN_FINISHED';
  /** The finished run. */
  readonly runId: string;

  /**
   * @param runId - the finished run
   * @param status - the status it ended with
   */
  constructor(runId: string, status: RunStatus) {
    super(`run ${runId} already finished with status ${status}`, [
      {
        field: 'runId',
        rule: 'unfinished',
        message: `run ${runId} is ${status}; only a queued or running run can be cancelled`,
      },
    ]);
    this.runId = runId;
  }
}

/** The run's output folder holds no regular file by the requested name (inside the folder). */
export class ResultFileNotFoundError extends RunError {
  /** Always `RESULT_FILE_NOT_FOUND`. */
  readonly code = 'RESULT_FILE_NOT_FOUND';

  /** Takes no name: the name is the caller's input and may be hostile, so no message repeats it. */
  constructor() {
    super('the run has no result file by that name', [
      {
        field: 'file',
        rule: 'result-file',
        message: 'file must name a regular file inside the run output folder',
      },
    ]);
  }
}

/** `maxConcurrentRuns` are running and `maxQueuedRuns` are waiting; nothing more may wait. */
export class RunQueueFullError extends RunError {
  /** Always `QUEUE_FULL`. */
  readonly code = 'QUEUE_FULL';

  /**
   * @param waiting - runs waiting now
   * @param maxQueuedRuns - the most that may wait
   */
  constructor(waiting: number, maxQueuedRuns: number) {
    super(`run queue is full: ${waiting} runs waiting (maxQueuedRuns ${maxQueuedRuns})`, [
      { field: 'queue', rule: 'max-queued', message: `at most ${maxQueuedRuns} runs may wait` },
    ]);
  }
}

/** The server is shutting down: runs already accepted go on or are stopped, no new one starts. */
export class ServerShuttingDownError extends RunError {
  /** Always `SHUTTING_DOWN`. */
  readonly code = 'SHUTTING_DOWN';

  /** @param moduleId - the module a run was asked of; none when readiness was asked */
  constructor(moduleId?: string) {
    super(
      moduleId === undefined
        ? 'the server is shutting down: it accepts no new runs'
        : `cannot start a run of module ${moduleId}: the server is shutting down`,
      [
        {
          field: 'server',
          rule: 'accepting-runs',
          message: 'no new runs are accepted once shutdown has begun',
        },
      ],
    );
  }
}
