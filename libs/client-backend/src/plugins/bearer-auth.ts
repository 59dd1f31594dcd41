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
export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Requires `Authorization: Bearer <token>` on every `/api` request when a token is set. */
export function installBearerAuth(app: FastifyInstance, token: string | undefined): void {
  if (token === undefined || token === '') return;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api')) return;
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!tokenMatches(token, presented))
      throw new ApiError('UNAUTHORIZED', 'missing or wrong bearer token for /api');
  });
}
