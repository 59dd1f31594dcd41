import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponseSchema, errorResponses } from '../api-schemas.js';
import { ServerShuttingDownError } from '../../runs/run-errors.js';
import type { ServerContext } from '../server-context.js';

/**
 * `GET /health`: 200 while the server accepts runs; 503 `SHUTTING_DOWN` once shutdown has
 * begun, so a supervisor or load balancer stops sending work while runs drain.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  app.get(
    '/health',
    { schema: { tags: ['system'], response: { 200: HealthResponseSchema, ...errorResponses } } },
    () => {
      if (context.manager.isShuttingDown) throw new ServerShuttingDownError();
      return {
        status: 'ok' as const,
        version: context.version,
        uptimeSeconds: Math.round((performance.now() - context.startedAtMs) / 10) / 100,
      };
    },
  );
};
