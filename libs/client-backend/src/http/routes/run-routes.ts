import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ResultFileParamsSchema,
  ResultsResponseSchema,
  RunIdParamsSchema,
  RunListQuerySchema,
  RunListResponseSchema,
  errorResponses,
} from '../api-schemas.js';
import { openResultFile } from '../../runs/result-file.js';
import { RunRecordSchema } from '../../store/run-record.js';
import type { ServerContext } from '../server-context.js';

/** Most files a results listing names; a module may leave any number behind. */
const MAX_LISTED_FILES = 10_000;

// A module sets its files' times as it likes; one beyond what an ISO date can say is unknown.
function isoOrNull(time: Date): string | null {
  const ms = time.getTime();
  return Number.isFinite(ms) && ms >= 0 && ms < 253_402_300_800_000 ? time.toISOString() : null;
}

async function listOutputFiles(
  outputDir: string,
): Promise<{ name: string; size: number; modified: string | null }[]> {
  let names: string[];
  try {
    names = await readdir(outputDir, { recursive: true });
  } catch {
    return [];
  }
  const files = await Promise.all(
    names.slice(0, MAX_LISTED_FILES).map(async (name) => {
      // lstat: a link is not listed; the download route resolves links and stays inside.
      const info = await lstat(path.join(outputDir, name)).catch(() => undefined);
      return info?.isFile()
        ? {
            name: name.split(path.sep).join('/'),
            size: info.size,
            modified: isoOrNull(info.mtime),
          }
        : undefined;
    }),
  );
  return files.filter((file) => file !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}

/** Run listing, lookup, cancel and results routes. */
export const runRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  const { manager } = context;

  app.get(
    '/api/runs',
    {
      schema: {
        tags: ['runs'],
        querystring: RunListQuerySchema,
        response: { 200: RunListResponseSchema, ...errorResponses },
      },
    },
    (request) => manager.listRuns(request.query),
  );

  app.get(
    '/api/runs/:runId',
    {
      schema: {
        tags: ['runs'],
        params: RunIdParamsSchema,
        response: { 200: RunRecordSchema, ...errorResponses },
      },
    },
    (request) => manager.getRun(request.params.runId),
  );

  app.delete(
    '/api/runs/:runId',
    {
      schema: {
        tags: ['runs'],
        params: RunIdParamsSchema,
        response: { 200: RunRecordSchema, ...errorResponses },
      },
    },
    async (request) => manager.cancel(request.params.runId),
  );

  app.get(
    '/api/runs/:runId/results',
    {
      schema: {
        tags: ['runs'],
        params: RunIdParamsSchema,
        response: { 200: ResultsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const run = manager.getRun(request.params.runId);
      return {
        runId: run.runId,
        status: run.status,
        exitCode: run.exitCode,
        durationMs: run.durationMs,
        progress: run.progress,
        files: await listOutputFiles(manager.outputDir(run.runId)),
      };
    },
  );

  app.get(
    '/api/runs/:runId/results/*',
    {
      schema: {
        tags: ['runs'],
        description:
          'Downloads one result file; its name as the results listing gives it, inside the run output folder.',
        params: ResultFileParamsSchema,
        response: {
          200: z.any().describe('the file, application/octet-stream'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const run = manager.getRun(request.params.runId);
      const file = await openResultFile(manager.outputDir(run.runId), request.params['*']);
      reply
        .type('application/octet-stream')
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${file.downloadName}"`);
      return reply.send(file.handle.createReadStream());
    },
  );
};
