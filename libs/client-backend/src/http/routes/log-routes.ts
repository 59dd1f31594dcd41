import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LogsQuerySchema,
  LogsResponseSchema,
  RunIdParamsSchema,
  StreamHeadersSchema,
  StreamQuerySchema,
  errorResponses,
} from '../api-schemas.js';
import { toApiLogLine } from '../api-log-line.js';
import { readLogLines, readLogTail } from '../../capture/log-file.js';
import type { LogLine } from '../../capture/log-line.js';
import { streamRunLog } from '../log-stream.js';
import { runLogSource } from '../run-log-source.js';
import type { ServerContext } from '../server-context.js';
import { SseWriter } from '../sse-writer.js';

/** Log tail, SSE stream and download routes. */
export const logRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  const { manager } = context;

  app.get(
    '/api/runs/:runId/logs',
    {
      schema: {
        tags: ['logs'],
        description:
          'Without afterSeq: the newest `tail` lines. With afterSeq: up to `tail` lines after it, oldest first.',
        params: RunIdParamsSchema,
        querystring: LogsQuerySchema,
        response: { 200: LogsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { runId } = request.params;
      const { tail, afterSeq } = request.query;
      manager.getRun(runId);
      const capture = manager.getCapture(runId);
      let lines: LogLine[];
      let totalLines: number;
      if (capture !== undefined) {
        totalLines = capture.lastSeq;
        lines =
          afterSeq === undefined
            ? await capture.tail(tail)
            : await capture.readAfter(afterSeq, tail);
      } else if (afterSeq === undefined) {
        ({ lines, totalLines } = await readLogTail(manager.logFile(runId), tail));
      } else {
        const page = await readLogLines(manager.logFile(runId), { afterSeq, limit: tail + 1 });
        const last = await readLogTail(manager.logFile(runId), 1);
        totalLines = last.totalLines;
        lines = page.slice(0, tail);
      }
      const firstSeq = lines[0]?.seq ?? (afterSeq ?? totalLines) + 1;
      const lastSeq = lines[lines.length - 1]?.seq ?? afterSeq ?? totalLines;
      const truncated = firstSeq > (afterSeq ?? 0) + 1 || lastSeq < totalLines;
      return { runId, lines: lines.map(toApiLogLine), totalLines, truncated };
    },
  );

  app.get(
    '/api/runs/:runId/logs/stream',
    {
      schema: {
        tags: ['logs'],
        description:
          'Server-Sent Events: `log` (id = line seq), `status`, and a final `complete`. Resume with the Last-Event-ID header or `lastEventId`.',
        params: RunIdParamsSchema,
        querystring: StreamQuerySchema,
        headers: StreamHeadersSchema,
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      manager.getRun(runId);
      const afterSeq = request.headers['last-event-id'] ?? request.query.lastEventId ?? 0;
      reply.hijack();
      const writer = new SseWriter(reply.raw);
      writer.open(reply.getHeaders() as Record<string, string | number | string[]>);
      await streamRunLog(writer, runLogSource(manager, runId), {
        afterSeq,
        keepAliveMs: context.sseKeepAliveMs,
      });
    },
  );

  app.get(
    '/api/runs/:runId/logs/download',
    {
      schema: {
        tags: ['logs'],
        params: RunIdParamsSchema,
        response: { 200: z.any().describe('text/plain log file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      manager.getRun(runId);
      const file = manager.logFile(runId);
      const exists = await access(file).then(
        () => true,
        () => false,
      );
      reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="run-${runId}.log"`);
      return exists ? reply.send(createReadStream(file)) : reply.send('');
    },
  );
};
