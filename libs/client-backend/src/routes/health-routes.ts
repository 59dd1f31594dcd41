import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponseSchema } from '../api-schemas.js';
import type { ServerContext } from '../server-context.js';

/** `GET /health`. */
export const healthRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  app.get(
    '/health',
    { schema: { tags: ['system'], response: { 200: HealthResponseSchema } } },
    async () => ({
      status: 'ok' as const,
      version: context.version,
      uptimeSeconds: Math.round((performance.now() - context.startedAtMs) / 10) / 100,
    }),
  );
};
