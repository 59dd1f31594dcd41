import { mkdirSync } from 'node:fs';
import path from 'node:path';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { defaultModuleRegistry } from './default-registry.js';
import { loadModuleRegistry, type ModuleRegistry } from './module-registry.js';
import { installBearerAuth } from './plugins/bearer-auth.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { perfReports } from './plugins/perf-reports.js';
import type { ProcessLauncher } from './process-group.js';
import { healthRoutes } from './routes/health-routes.js';
import { logRoutes } from './routes/log-routes.js';
import { moduleRoutes } from './routes/module-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { RunManager } from './run-manager.js';
import { RunStore } from './run-store.js';
import type { ServerContext } from './server-context.js';
import {
  parseServerOptions,
  type ServerOptions,
  type ServerOptionsInput,
} from './server-options.js';
import { PACKAGE_VERSION } from './version.js';

/** A server built by {@link createServer}, not yet listening. */
export interface PrismqServer {
  /** The Fastify instance; `inject` works without listening. */
  app: FastifyInstance;
  runs: RunManager;
  options: ServerOptions;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, stops every run and its processes, closes the database. */
  close(): Promise<void>;
}

/** Extra parts for embedding and tests. */
export interface CreateServerExtras {
  /** A registry to use instead of `modulesFile` or the built-in one. */
  registry?: ModuleRegistry;
  launch?: ProcessLauncher;
}

const BODY_LIMIT_BYTES = 1_048_576;

/**
 * Builds the control panel: loads the registry (a bad file throws before anything starts),
 * opens and migrates the database in the data folder, marks runs a previous process left
 * unfinished as failed, and registers every route.
 */
export async function createServer(
  input: ServerOptionsInput = {},
  extras: CreateServerExtras = {},
): Promise<PrismqServer> {
  const options = parseServerOptions(input);
  const registry =
    extras.registry ??
    (options.modulesFile !== undefined
      ? loadModuleRegistry(options.modulesFile)
      : defaultModuleRegistry());
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const store = new RunStore(path.join(dataDir, 'prismq.db'));
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: { level: options.logLevel, redact: ['req.headers.authorization'] },
    requestIdHeader: 'x-request-id',
    // Per-request lines cost more than the requests themselves under load; they are debug-only.
    logController: new LogController({
      disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace',
    }),
  });
  let manager: RunManager;
  try {
    const interrupted = store.failInterrupted(new Date().toISOString());
    if (interrupted > 0)
      app.log.warn({ interrupted }, 'marked runs interrupted by the previous shutdown as failed');
    manager = new RunManager({
      registry,
      store,
      runsDir: path.join(dataDir, 'runs'),
      maxConcurrentRuns: options.maxConcurrentRuns,
      maxQueuedRuns: options.maxQueuedRuns,
      bufferLines: options.bufferLines,
      killGraceMs: options.killGraceMs,
      ...(extras.launch ? { launch: extras.launch } : {}),
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const context: ServerContext = {
    registry,
    manager,
    store,
    version: PACKAGE_VERSION,
    startedAtMs: performance.now(),
    sseKeepAliveMs: options.sseKeepAliveMs,
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installBearerAuth(app, options.apiToken);
  await app.register(cors, {
    origin: options.corsOrigins.length > 0 ? options.corsOrigins : false,
  });
  await registerOpenApi(app, PACKAGE_VERSION);
  await app.register(healthRoutes, { context });
  await app.register(moduleRoutes, { context });
  await app.register(runRoutes, { context });
  await app.register(logRoutes, { context });
  await app.register(systemRoutes, { context });
  await app.register(perfReports, { reportsDir: options.reportsDir });

  // A crash or process.exit skips the graceful path; still take every child group down with us.
  const killOnExit = (): void => manager.killAllNow();
  process.on('exit', killOnExit);
  app.addHook('preClose', async () => {
    await manager.shutdown(options.onShutdown);
  });
  app.addHook('onClose', async () => {
    process.off('exit', killOnExit);
    store.close();
  });

  return {
    app,
    runs: manager,
    options,
    async listen() {
      return app.listen({ host: options.host, port: options.port });
    },
    async close() {
      await app.close();
    },
  };
}
