#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, USAGE } from './cli-options.js';
import { lockDataDir } from './store/data-dir-lock.js';
import { parseServerOptions, serverOptionsFromEnv } from './http/server-options.js';
import { PACKAGE_VERSION } from './version.js';

async function main(): Promise<number> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`prismq-backend: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (command.kind === 'worker') {
    try {
      const { parseWorkerOptions, workerOptionsFromEnv } =
        await import('./queue/worker-options.js');
      const options = parseWorkerOptions({
        ...workerOptionsFromEnv(process.env),
        ...command.options,
      });
      const { runWorkerCommand } = await import('./queue/worker-command.js');
      return await runWorkerCommand(options);
    } catch (error) {
      process.stderr.write(`prismq-backend worker: ${(error as Error).message}\n`);
      return 1;
    }
  }
  let server;
  try {
    // Command-line options win over env variables.
    const options = parseServerOptions({
      ...serverOptionsFromEnv(process.env),
      ...command.options,
    });
    // The data folder is locked before the server's modules load, so a second server on the
    // same folder says so and exits at once, not after loading the whole HTTP stack.
    const dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const dataDirLock = lockDataDir(dataDir);
    const { startServer } = await import('./http/server.js');
    server = await startServer(options, { dataDirLock });
  } catch (error) {
    process.stderr.write(`prismq-backend: ${(error as Error).message}\n`);
    return 1;
  }
  const url = await server.listen();
  server.app.log.info({ url, docs: `${url}/docs` }, 'prismq-backend listening');
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      server.app.log.info({ signal }, 'shutting down: stopping runs');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close().then(resolve, (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`prismq-backend: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
