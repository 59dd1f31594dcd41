import type { ErrorDetail } from '../runs/error-detail.js';

/** Error codes the HTTP API can answer with. */
export type ApiErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_ACCEPTABLE'
  | 'REQUEST_TIMEOUT'
  | 'MODULE_DISABLED'
  | 'RUN_FINISHED'
  | 'BODY_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'HEADERS_TOO_LARGE'
  | 'QUEUE_FULL'
  | 'INTERNAL'
  | 'SHUTTING_DOWN';

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  MODULE_DISABLED: 409,
  RUN_FINISHED: 409,
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  QUEUE_FULL: 429,
  INTERNAL: 500,
  SHUTTING_DOWN: 503,
};

/** An error that maps to one HTTP status and the API's single error shape. */
export class ApiError extends Error {
  /** Machine-readable reason, the `code` of the error response. */
  readonly code: ApiErrorCode;
  /** HTTP status the code maps to (e.g. 409 for `RUN_FINISHED`). */
  readonly statusCode: number;
  /** Each field that broke a rule, or the state that refused the request; sent as `details`. */
  readonly details: ErrorDetail[] | undefined;
  /** Response headers the error needs, e.g. `WWW-Authenticate` on 401 or `Retry-After` on 429. */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param code - the error code; it sets {@link ApiError.statusCode}
   * @param message - the response `message`
   * @param details - the response `details`
   * @param headers - response headers the error needs
   */
  constructor(
    code: ApiErrorCode,
    message: string,
    details?: ErrorDetail[],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code];
    this.details = details;
    this.headers = headers;
  }
}

/** Server options (from the CLI, env or `createServer`) broke their schema. */
export class ServerOptionsError extends Error {
  /** Always `SERVER_OPTIONS_INVALID`. */
  readonly code = 'SERVER_OPTIONS_INVALID';

  /** @param problems - one line per problem, each naming the option */
  constructor(problems: string[]) {
    super(`invalid server options:\n  ${problems.join('\n  ')}`);
    this.name = 'ServerOptionsError';
  }
}
