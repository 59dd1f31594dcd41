import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { KeepAliveClient } from '../http-client.js';

/** The control panel running as its own process, as users run it. */
export interface ServerProcess {
  baseUrl: string;
  client: KeepAliveClient;
  pid: number;
  /** Server RSS and CPU time as the server reports them in `/api/system/stats`. */
  stats(): Promise<{ rssBytes: number; cpuMs: number }>;
  /** SIGTERM, then wait for the graceful exit. */
  stop(): Promise<number | null>;
}

/** The built `prismq-backend` bin of the installed package. */
export function cliPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@prismq/client-backend/package.json');
  const manifest = require(manifestPath) as { bin: Record<string, string> };
  return path.resolve(path.dirname(manifestPath), manifest.bin['prismq-backend'] ?? 'dist/cli.js');
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((text) => text.includes('prismq-backend listening'));
      if (line === undefined) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    };
    child.stdout?.on('data', onData);
    // Bounded: a server that never says it listens must not hang the benchmark.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prismq-backend did not report listening within 20 s:\n${buffer}`));
    }, 20_000);
    timer.unref();
    child.once('exit', (code) =>
      reject(new Error(`prismq-backend exited with ${code} before listening:\n${buffer}`)),
    );
  });
}

/** Starts `prismq-backend` on 127.0.0.1 with a free port and the given registry and data folder. */
export async function startServerProcess(options: {
  modulesFile: string;
  dataDir: string;
  maxConcurrent: number;
  /** More flags, e.g. `--queue redis://…`. */
  extraArgs?: readonly string[];
}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      cliPath(),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--modules',
      options.modulesFile,
      '--data-dir',
      options.dataDir,
      '--max-concurrent',
      String(options.maxConcurrent),
      '--log-level',
      'info',
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const baseUrl = await waitForUrl(child);
  const client = new KeepAliveClient(baseUrl);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    baseUrl,
    client,
    pid: child.pid ?? -1,
    async stats() {
      const response = await client.request('GET', '/api/system/stats');
      const body = JSON.parse(response.body) as {
        server: { rssBytes: number; cpuUserMs: number; cpuSystemMs: number };
      };
      return {
        rssBytes: body.server.rssBytes,
        cpuMs: body.server.cpuUserMs + body.server.cpuSystemMs,
      };
    },
    async stop() {
      client.close();
      child.kill('SIGTERM');
      return exited;
    },
  };
}
