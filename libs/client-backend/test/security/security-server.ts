import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type PrismqServer } from '../../src/http/server.js';
import type { ServerOptionsInput } from '../../src/http/server-options.js';
import { makeDataDir, removeDataDir } from '../test-server.js';
import { waitFor } from '../wait-for.js';

/** Registry of the security tests, whose commands are the scripts beside it. */
export const SECURITY_MODULES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'modules.json',
);

/** A server listening on a random loopback port, with its data folder. */
export interface LiveServer {
  server: PrismqServer;
  baseUrl: string;
  dataDir: string;
  /** Closes the server and removes its data folder. */
  stop(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 with the security registry (unless options say otherwise). */
export async function startLiveServer(options: ServerOptionsInput = {}): Promise<LiveServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const server = await createServer({
    modulesFile: SECURITY_MODULES,
    dataDir,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    killGraceMs: 500,
    ...options,
  });
  const baseUrl = await server.listen();
  return {
    server,
    baseUrl,
    dataDir,
    async stop() {
      await server.close();
      removeDataDir(dataDir);
    },
  };
}

/** A response as it came off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * Sends one request with exactly the request target, method and headers given (no URL
 * normalisation, any Host header), over real HTTP.
 */
export function rawRequest(
  baseUrl: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        // A fresh connection per request: a reused one the server closed would look like its fault.
        agent: false,
        path: options.path,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(body);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Polls a run over HTTP until it is in one of `statuses`. Over HTTP on purpose: these tests
 * check what a client sees through the Host, token and path rules, not the server's insides.
 */
export async function waitForRun(
  baseUrl: string,
  runId: string,
  statuses: readonly string[],
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<Record<string, unknown>> {
  let last = '';
  try {
    return await waitFor(
      async () => {
        const response = await rawRequest(baseUrl, { path: `/api/runs/${runId}`, headers });
        last = response.body;
        const run = response.json as Record<string, unknown>;
        return statuses.includes(String(run.status)) && run;
      },
      { timeoutMs, intervalMs: 25, what: `run ${runId} reaching ${statuses.join('/')}` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last answer: ${last}`);
  }
}

/** The one error shape, as a predicate for assertions. */
export function isErrorShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

export { makeDataDir, removeDataDir };

/** `POST /api/modules/:id/runs` with a raw JSON body. */
export function postRun(baseUrl: string, moduleId: string, body = '{}'): Promise<RawResponse> {
  return rawRequest(baseUrl, { method: 'POST', path: `/api/modules/${moduleId}/runs`, body });
}
