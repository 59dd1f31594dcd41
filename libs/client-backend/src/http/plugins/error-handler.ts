import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type ApiErrorCode } from '../errors.js';
import type { ErrorDetail } from '../../runs/error-detail.js';
import { RunError, type RunErrorCode } from '../../runs/run-errors.js';
import { formatValidationIssue } from '../../registry/validation-issue.js';

function fieldOf(context: string | undefined, instancePath: string): string {
  const inner = instancePath.split('/').filter(Boolean).join('.');
  if (context === 'body') return inner === '' ? 'body' : inner;
  return inner === '' ? (context ?? 'request') : inner;
}

// Fastify's own messages may quote the URL, a header or a piece of the body; ours never do.
const BY_STATUS: Record<number, [ApiErrorCode, string]> = {
  403: ['FORBIDDEN', 'access to this path is forbidden'],
  404: ['NOT_FOUND', 'not found'],
  405: ['METHOD_NOT_ALLOWED', 'method not allowed on this route'],
  406: ['NOT_ACCEPTABLE', 'cannot produce a response in an accepted type'],
  413: ['BODY_TOO_LARGE', 'request body is larger than the 1 MiB limit'],
  414: ['URI_TOO_LONG', 'a path segment of the URL is too long'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json'],
  431: ['HEADERS_TOO_LARGE', 'request headers are too large'],
};

/** How long a client should wait before asking again, in seconds, as `Retry-After` says it. */
const RETRY_AFTER_SECONDS = '5';

// The one place where the run machinery's refusals become HTTP: the API code (and so the
// status) of each, and the headers it needs. A queue that is full drains as runs end; a
// server that is shutting down is usually restarted by its supervisor.
const HTTP_OF_RUN_ERROR: Record<
  RunErrorCode,
  { code: ApiErrorCode; headers?: Readonly<Record<string, string>> }
> = {
  MODULE_NOT_FOUND: { code: 'NOT_FOUND' },
  RUN_NOT_FOUND: { code: 'NOT_FOUND' },
  RESULT_FILE_NOT_FOUND: { code: 'NOT_FOUND' },
  MODULE_DISABLED: { code: 'MODULE_DISABLED' },
  RUN_FINISHED: { code: 'RUN_FINISHED' },
  INVALID_PARAMETERS: { code: 'INVALID_INPUT' },
  QUEUE_FULL: { code: 'QUEUE_FULL', headers: { 'retry-after': RETRY_AFTER_SECONDS } },
  SHUTTING_DOWN: { code: 'SHUTTING_DOWN', headers: { 'retry-after': RETRY_AFTER_SECONDS } },
};

/** Maps any error to `{ error: { code, message, details? } }` with its status. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RunError) {
    const http = HTTP_OF_RUN_ERROR[error.code];
    return new ApiError(
      http.code,
      error.message,
      error.details.length > 0 ? [...error.details] : undefined,
      http.headers,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Read through Fastify's own error type: the guard's element type comes from an extensionless
    // `fastify/types/schema` import, which NodeNext (ESM) resolution cannot find.
    const { validation = [], validationContext: context } = error as FastifyError;
    const details: ErrorDetail[] = validation.map((issue) => {
      const field = fieldOf(context, issue.instancePath);
      const message = formatValidationIssue({ path: [field], message: issue.message ?? '' }, field);
      return { field, rule: issue.keyword, message };
    });
    return new ApiError('INVALID_INPUT', `invalid ${context ?? 'request'}`, details);
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('BODY_TOO_LARGE', 'request body is larger than the 1 MiB limit', [
        { field: 'body', rule: 'max-size', message: 'body must be at most 1048576 bytes' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('INVALID_INPUT', 'request body is not valid JSON', [
        { field: 'body', rule: 'json', message: 'body must be one JSON value' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json', [
        {
          field: 'content-type',
          rule: 'media-type',
          message: 'content-type must be application/json',
        },
      ]);
    case 'FST_ERR_BAD_URL':
      return new ApiError('INVALID_INPUT', 'the URL is not validly percent-encoded', [
        { field: 'url', rule: 'encoding', message: 'url: a %-escape does not decode' },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError('URI_TOO_LONG', 'a path segment of the URL is too long', [
        { field: 'url', rule: 'max-length', message: 'url: a path parameter is too long' },
      ]);
  }
  const status = fastifyError.statusCode;
  if (status !== undefined) {
    const known = BY_STATUS[status];
    if (known !== undefined) return new ApiError(known[0], known[1]);
    if (status >= 400 && status < 500)
      return new ApiError('INVALID_INPUT', `request refused (${fastifyError.code ?? status})`);
  }
  return new ApiError('INTERNAL', 'internal server error');
}

/** The body of every error response. */
function errorBody(apiError: ApiError): {
  error: { code: string; message: string; details?: ErrorDetail[] };
} {
  return {
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(apiError.details ? { details: apiError.details } : {}),
    },
  };
}

/** Sends `error` in the one error shape; for handlers that run outside the error handler. */
function sendApiError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const apiError = toApiError(error);
  if (apiError.statusCode >= 500 && !(error instanceof ApiError))
    request.log.error({ err: error }, 'request failed');
  return reply
    .code(apiError.statusCode)
    .headers(apiError.headers)
    .type('application/json')
    .send(errorBody(apiError));
}

/**
 * Errors Fastify raises before a route is found (a `%`-escape that does not decode, a path
 * parameter over the length limit) go through the same mapping as every other error.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendApiError(request, reply, error);
}

/**
 * Requests Node's HTTP parser refuses never reach Fastify; they still get the error shape,
 * written straight to the socket.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // Like Node itself: no second answer on a socket whose response has already begun.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError('HEADERS_TOO_LARGE', 'request headers are too large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError('REQUEST_TIMEOUT', 'the request took too long to arrive')
        : new ApiError('INVALID_INPUT', 'the request is not valid HTTP');
  const body = JSON.stringify(errorBody(apiError));
  socket.end(
    `HTTP/1.1 ${apiError.statusCode} ${STATUS_CODES[apiError.statusCode] ?? 'Error'}\r\nconnection: close\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Installs the error and not-found handlers that give every failure the one error shape. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendApiError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendApiError(
      request,
      reply,
      new ApiError('NOT_FOUND', `no route matches ${request.method} on this path`),
    ),
  );
}
