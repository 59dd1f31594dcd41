import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/** Options of {@link perfReports}. */
export interface PerfReportsOptions {
  /** The reports folder (`index.html`, `flame/`, `cpu/`, …); nothing is served when absent. */
  reportsDir: string | undefined;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.cpuprofile': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

// The report pages load nothing; the header repeats their own policy for any file served here.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(`${root}${path.sep}`);
}

/**
 * Resolves a request path to a regular file inside `root`, following symlinks only where
 * they stay inside. Climbing out (`..`, an absolute path, a symlink pointing away), hidden
 * names and missing files are all "not found", so the answer reveals nothing outside.
 */
async function resolveInside(root: string, requested: string): Promise<string> {
  if (requested.includes('\0'))
    throw new ApiError('INVALID_INPUT', 'path must not contain NUL bytes', [
      { field: 'path', rule: 'no-nul', message: 'path must not contain NUL bytes' },
    ]);
  const notFound = new ApiError('NOT_FOUND', `no report file /perf/${requested}`);
  const segments = requested.split(/[/\\]/);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) throw notFound;
  const candidate = path.resolve(root, requested === '' ? 'index.html' : requested);
  if (!isInside(root, candidate)) throw notFound;
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw notFound;
  }
  if (!isInside(root, real) || !(await stat(real)).isFile()) throw notFound;
  return real;
}

/**
 * Serves the generated reports folder read-only under `/perf`: `/perf/` is its `index.html`
 * (the report page), and `/perf/flame/…`, `/perf/cpu/…`, `/perf/charts/…` the files its links
 * point at. Like the panel page at `/`, it is public static content: the bearer token guards
 * `/api` only.
 */
export async function perfReports(
  app: FastifyInstance,
  options: PerfReportsOptions,
): Promise<void> {
  if (options.reportsDir === undefined) return;
  const configured = path.resolve(options.reportsDir);
  // The folder may appear after start-up (reports generated later); resolve it per request.
  const rootOf = async (): Promise<string> => {
    try {
      return await realpath(configured);
    } catch {
      throw new ApiError('NOT_FOUND', 'no reports folder: generate the reports first');
    }
  };
  // Relative links on the page resolve against the folder, so the page needs the trailing slash.
  app.get('/perf', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/perf/', 301),
  );
  app.get<{ Params: { '*': string } }>(
    '/perf/*',
    { schema: { hide: true } },
    async (request, reply) => {
      const file = await resolveInside(await rootOf(), request.params['*']);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return reply
        .type(type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'no-cache')
        .send(createReadStream(file));
    },
  );
}
