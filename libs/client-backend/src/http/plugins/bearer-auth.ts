import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares in constant time. Both sides are hashed first so lengths match, which
 * `timingSafeEqual` needs, without leaking the token's length.
 */
function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

// RFC 9110: the auth scheme is case-insensitive; one or more spaces before the credentials.
const BEARER = /^bearer +(\S+) *$/i;

/** The credentials of an `Authorization: Bearer <token>` header, or '' when there are none. */
function presentedToken(header: string | undefined): string {
  return BEARER.exec(header ?? '')?.[1] ?? '';
}

/** Answer headers of a refused request. */
const CHALLENGE = { 'www-authenticate': 'Bearer realm="prismq"' } as const;

/**
 * Requires `Authorization: Bearer <token>` on every route of the instance it is installed on.
 * Installed inside the encapsulated plugin that registers the `/api` routes, so the check
 * belongs to the route a request was matched to, however its URL was spelled.
 */
export function installBearerAuth(app: FastifyInstance, token: string | undefined): void {
  if (token === undefined || token === '') return;
  app.addHook('onRequest', async (request) => {
    if (!tokenMatches(token, presentedToken(request.headers.authorization)))
      throw new ApiError(
        'UNAUTHORIZED',
        'missing or wrong bearer token for /api',
        undefined,
        CHALLENGE,
      );
  });
}

/**
 * Marks every route of the instance as needing the bearer token in the OpenAPI document, when
 * a token is set.
 */
export function declareBearerSecurity(app: FastifyInstance, token: string | undefined): void {
  if (token === undefined || token === '') return;
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ bearer: [] }] };
  });
}
