#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-options.js';
import { createServer } from './server.js';
import { serverOptionsFromEnv } from './server-options.js';
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
  let server;
  try {
    // Command-line options win over env variables.
    server = await createServer({ ...serverOptionsFromEnv(process.env), ...command.options });
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
