import os from 'node:os';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CleanupBodySchema,
  CleanupResponseSchema,
  SystemStatsResponseSchema,
  errorResponses,
} from '../api-schemas.js';
import type { ServerContext } from '../server-context.js';

/** Machine and server statistics, and maintenance. */
export const systemRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  const { manager, store } = context;

  app.get(
    '/api/system/stats',
    {
      schema: { tags: ['system'], response: { 200: SystemStatsResponseSchema, ...errorResponses } },
    },
    () => {
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const counts = store.countByStatus();
      return {
        uptimeSeconds: Math.round((performance.now() - context.startedAtMs) / 10) / 100,
        machine: {
          cpus: os.cpus().length,
          loadAverage: os.loadavg(),
          totalMemoryBytes: os.totalmem(),
          freeMemoryBytes: os.freemem(),
        },
        server: {
          pid: process.pid,
          rssBytes: memory.rss,
          heapUsedBytes: memory.heapUsed,
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
        },
        runs: { ...manager.counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) },
      };
    },
  );

  app.post(
    '/api/system/maintenance/cleanup',
    {
      schema: {
        tags: ['system'],
        body: CleanupBodySchema,
        response: { 200: CleanupResponseSchema, ...errorResponses },
      },
    },
    (request) => ({ deleted: manager.cleanup(request.body.olderThanHours) }),
  );
};
