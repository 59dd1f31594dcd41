/** Why the queue machinery refused or ended something. */
export type QueueErrorCode =
  | 'QUEUE_URL_INVALID'
  | 'QUEUE_PROTOCOL_MISMATCH'
  | 'QUEUE_JOB_INVALID'
  | 'QUEUE_MODULE_UNKNOWN'
  | 'QUEUE_REDIS_LOST'
  | 'QUEUE_WORKER_LOST'
  | 'QUEUE_WORKER_OPTIONS_INVALID';

/** An error of the Redis queue (`--queue`): its `code` names the rule that was broken. */
export class QueueError extends Error {
  /** Machine-readable reason. */
  readonly code: QueueErrorCode;

  /**
   * @param code - the reason
   * @param message - what happened, naming the input
   */
  constructor(code: QueueErrorCode, message: string) {
    super(message);
    this.name = 'QueueError';
    this.code = code;
  }
}

/** A queue URL that is not `redis://host[:port][/db]` or `rediss://…`. */
export class QueueUrlError extends QueueError {
  /**
   * @param option - the option or variable that held the URL (`--queue`, `PRISMQ_QUEUE`)
   * @param problem - the rule it broke
   */
  constructor(option: string, problem: string) {
    super('QUEUE_URL_INVALID', `${option}: ${problem}`);
    this.name = 'QueueUrlError';
  }
}

/** A job written by a server of another queue protocol than this worker's. */
export class QueueProtocolMismatchError extends QueueError {
  /**
   * @param jobVersion - the protocol version the job carries
   * @param workerVersion - the protocol version this worker speaks
   * @param workerPackage - this worker's package version
   */
  constructor(jobVersion: unknown, workerVersion: number, workerPackage: string) {
    super(
      'QUEUE_PROTOCOL_MISMATCH',
      `queue protocol mismatch: the job speaks version ${JSON.stringify(jobVersion)}, this worker (prismq-backend ${workerPackage}) speaks version ${workerVersion}; run the same version on the server and its workers`,
    );
    this.name = 'QueueProtocolMismatchError';
  }
}

/** `prismq-backend worker` options that broke their schema. */
export class WorkerOptionsError extends QueueError {
  /** @param problems - one line per problem, each naming the option */
  constructor(problems: readonly string[]) {
    super('QUEUE_WORKER_OPTIONS_INVALID', `invalid worker options:\n  ${problems.join('\n  ')}`);
    this.name = 'WorkerOptionsError';
  }
}
