import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type ErrorDetail } from '../errors.js';

function fieldOf(context: string | undefined, instancePath: string): string {
  const inner = instancePath.split('/').filter(Boolean).join('.');
  if (context === 'body') return inner === '' ? 'body' : inner;
  return inner === '' ? (context ?? 'request') : inner;
}

/** Maps any error to `{ error: { code, message, details? } }` with its status. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const details: ErrorDetail[] = error.validation.map((issue) => {
      const field = fieldOf(context, issue.instancePath);
      return { field, rule: issue.keyword, message: `${field}: ${issue.message}` };
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
        { field: 'body', rule: 'json', message: fastifyError.message ?? 'malformed JSON' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('INVALID_INPUT', 'request body must be application/json', [
        {
          field: 'content-type',
          rule: 'media-type',
          message: 'content-type must be application/json',
        },
      ]);
  }
  if (fastifyError.statusCode === 404)
    return new ApiError('NOT_FOUND', fastifyError.message ?? 'not found');
  if (
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return new ApiError('INVALID_INPUT', fastifyError.message ?? 'invalid request');
  }
  return new ApiError('INTERNAL', 'internal server error');
}

/** Installs the error and not-found handlers that give every failure the one error shape. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const body = {
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.details ? { details: apiError.details } : {}),
      },
    };
    return reply.code(apiError.statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      },
    }),
  );
}
