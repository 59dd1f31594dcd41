/** One reason an input was refused: which field and which rule it broke. */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `parameters.max_results` or `runId`. */
  field: string;
  /** Short rule name, e.g. `required`, `max`, `pattern`, `unknown`. */
  rule: string;
  message: string;
}

/** Error codes the HTTP API can answer with. */
export type ApiErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'MODULE_DISABLED'
  | 'RUN_FINISHED'
  | 'BODY_TOO_LARGE'
  | 'QUEUE_FULL'
  | 'INTERNAL';

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  MODULE_DISABLED: 409,
  RUN_FINISHED: 409,
  BODY_TOO_LARGE: 413,
  QUEUE_FULL: 429,
  INTERNAL: 500,
};

/** An error that maps to one HTTP status and the API's single error shape. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ApiErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code];
    this.details = details;
  }
}

/** The module registry file could not be read or broke its schema; start-up stops. */
export class ModuleRegistryError extends Error {
  readonly code = 'MODULE_REGISTRY_INVALID';
  readonly file: string;

  constructor(file: string, problems: string[]) {
    super(`module registry ${file} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'ModuleRegistryError';
    this.file = file;
  }
}

/** Server options (from the CLI, env or `createServer`) broke their schema. */
export class ServerOptionsError extends Error {
  readonly code = 'SERVER_OPTIONS_INVALID';

  constructor(problems: string[]) {
    super(`invalid server options:\n  ${problems.join('\n  ')}`);
    this.name = 'ServerOptionsError';
  }
}
