import { createServer, type ServerOptionsInput } from '@prismq/client-backend';
import { BENCH_MODULES_FILE } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';
import { KeepAliveClient } from './http-client.js';

/** What a whole-server case measures, made once the server listens. */
export type ServerMeasure = (
  client: KeepAliveClient,
  dataDir: string,
) => (() => Promise<unknown>) | Promise<() => Promise<unknown>>;

/**
 * A real server on 127.0.0.1 with the bench modules in a scratch folder, for one mitata case:
 * yields what `prepare` returns, then closes the server and removes the folder.
 */
export async function* withBenchServer(
  label: string,
  options: ServerOptionsInput,
  prepare: ServerMeasure,
): AsyncGenerator<() => Promise<unknown>> {
  const scratch = scratchFolder(label);
  const server = await createServer({
    modulesFile: BENCH_MODULES_FILE,
    dataDir: scratch.dir,
    port: 0,
    logLevel: 'silent',
    ...options,
  });
  const client = new KeepAliveClient(await server.listen());
  try {
    yield await prepare(client, scratch.dir);
  } finally {
    client.close();
    await server.close();
    scratch.remove();
  }
}
