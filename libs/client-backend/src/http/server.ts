import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { defaultModuleRegistry } from '../registry/default-registry.js';
import { lockDataDir, type DataDirLock } from '../store/data-dir-lock.js';
import { endInterruptedGroups } from '../runs/interrupted-runs.js';
import { loadModuleRegistry, type ModuleRegistry } from '../registry/module-registry.js';
import { declareBearerSecurity, installBearerAuth } from './plugins/bearer-auth.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installErrorHandler,
} from './plugins/error-handler.js';
import { allowedHostNames, installHostAllowlist } from './plugins/host-allowlist.js';
import { registerOpenApi } from './plugins/openapi.js';
import { panelPlugin } from './plugins/panel.js';
import { perfReports } from './plugins/perf-reports.js';
import type { ProcessLauncher } from '../runs/process-group.js';
import { healthRoutes } from './routes/health-routes.js';
import { logRoutes } from './routes/log-routes.js';
import { moduleRoutes } from './routes/module-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { RunManager } from '../runs/run-manager.js';
import { RunStore } from '../store/run-store.js';
import type { ServerContext } from './server-context.js';
import {
  parseServerOptions,
  type ServerOptions,
  type ServerOptionsInput,
} from './server-options.js';
import { PACKAGE_VERSION } from '../version.js';
import type { QueueExecutor, ResumePoint } from '../queue/queue-executor.js';
import { parseQueueUrl } from '../queue/queue-url.js';

/** A server built by {@link createServer}, not yet listening. */
export interface PrismqServer {
  /** The Fastify instance; `inject` works without listening. */
  app: FastifyInstance;
  /** The runs of this server: create, read, cancel and subscribe to them without HTTP. */
  runs: RunManager;
  /** The options the server runs with, defaults filled in. */
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
  /** Starts a run's process instead of the default (a new process group, without a shell). */
  launch?: ProcessLauncher;
}

/** What the command line adds to {@link CreateServerExtras}. */
export interface ServerStartExtras extends CreateServerExtras {
  /** The data folder's lock when the caller took it already (the CLI does, before loading the server). */
  dataDirLock?: DataDirLock;
  /** Queue protocol version put into jobs instead of this version's (to meet a worker of another). */
  queueProtocolVersion?: number;
}

const BODY_LIMIT_BYTES = 1_048_576;
/** Every method a route of the API answers; what CORS preflights allow. */
const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

/** Makes a folder of the server's own that only its owner can enter: it holds run logs. */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Makes the database and its WAL side files readable by their owner only. */
function privateFiles(files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Builds the control panel: loads the registry (a bad file throws before anything starts),
 * opens and migrates the database in the data folder, marks runs a previous process left
 * unfinished as failed, and registers every route.
 */
export function createServer(
  input: ServerOptionsInput = {},
  extras: CreateServerExtras = {},
): Promise<PrismqServer> {
  return startServer(input, extras);
}

/** {@link createServer} with the parts only the command line passes. */
export async function startServer(
  input: ServerOptionsInput,
  extras: ServerStartExtras,
): Promise<PrismqServer> {
  const options = parseServerOptions(input);
  const registry =
    extras.registry ??
    (options.modulesFile !== undefined
      ? loadModuleRegistry(options.modulesFile)
      : defaultModuleRegistry());
  const dataDir = path.resolve(options.dataDir);
  // A data folder the server creates is private; one the user made (maybe `.`) keeps its
  // mode, while everything the server puts inside is private on its own.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const runsDir = path.join(dataDir, 'runs');
  privateFolder(runsDir);
  const lock = extras.dataDirLock ?? lockDataDir(dataDir);
  const inputRoots = (options.allowRead ?? [path.join(dataDir, 'inputs')]).map((root) =>
    path.resolve(root),
  );
  if (options.allowRead === undefined) privateFolder(inputRoots[0] as string);
  const databaseFile = path.join(dataDir, 'prismq.db');
  let store: RunStore;
  try {
    store = new RunStore(databaseFile);
    privateFiles([databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]);
  } catch (error) {
    lock.release();
    throw error;
  }
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // While shutdown waits for runs, requests still reach the routes: reads answer as usual
    // and a new run is refused by the run manager, in the API's error shape with its 503.
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
    logger: { level: options.logLevel, redact: ['req.headers.authorization'] },
    requestIdHeader: 'x-request-id',
    // Per-request lines cost more than the requests themselves under load; they are debug-only.
    logController: new LogController({
      disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace',
    }),
  });
  let manager: RunManager;
  let queueExecutor: QueueExecutor | undefined;
  try {
    if (options.queue !== undefined) {
      // BullMQ and its Redis client load only for a server that uses them: the embedded
      // default needs neither their start-up time nor their memory.
      const { QueueExecutor } = await import('../queue/queue-executor.js');
      queueExecutor = new QueueExecutor({
        url: parseQueueUrl(options.queue),
        runsDir,
        bufferLines: options.bufferLines,
        lockDurationMs: options.lockDurationMs,
        ...(extras.queueProtocolVersion !== undefined
          ? { protocolVersion: extras.queueProtocolVersion }
          : {}),
        warn: (message, details) => app.log.warn(details, message),
      });
      await queueExecutor.open();
    }
    const ended = endInterruptedGroups(store);
    // Runs a previous server put on the queue go on: their workers never stopped.
    const resumable: string[] = [];
    const resumePoints = new Map<string, ResumePoint>();
    if (queueExecutor !== undefined)
      for (const runId of store.unfinishedRunIds()) {
        const moduleId = store.getRun(runId)?.moduleId;
        if (moduleId === undefined || !registry.has(moduleId)) continue;
        const point = await queueExecutor.resumePoint(runId);
        if (point === undefined) continue;
        resumePoints.set(runId, point);
        resumable.push(runId);
      }
    if (ended.length > 0)
      app.log.warn({ runs: ended }, 'ended the process groups of runs left running before');
    const interrupted = store.failInterrupted(new Date().toISOString(), resumable);
    if (interrupted > 0)
      app.log.warn({ interrupted }, 'marked runs interrupted by the previous shutdown as failed');
    manager = new RunManager({
      registry,
      store,
      runsDir,
      maxConcurrentRuns: options.maxConcurrentRuns,
      maxQueuedRuns: options.maxQueuedRuns,
      bufferLines: options.bufferLines,
      killGraceMs: options.killGraceMs,
      inputRoots,
      ...(options.apiToken !== undefined ? { secrets: [options.apiToken] } : {}),
      ...(extras.launch ? { launch: extras.launch } : {}),
      ...(queueExecutor !== undefined ? { executor: queueExecutor } : {}),
    });
    for (const [runId, point] of resumePoints) {
      const record = store.getRun(runId);
      const executor = queueExecutor;
      if (record === undefined || executor === undefined) continue;
      if (manager.adopt(record, (events, module) => executor.resume(runId, module, events, point)))
        app.log.info({ runId }, 'following a queued run on from the previous server');
    }
  } catch (error) {
    await queueExecutor?.close();
    store.close();
    lock.release();
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
  // Hooks run in the order they were added: the Host check first, then CORS (which answers
  // preflights itself, before any token is asked for), then the token check of /api routes.
  installHostAllowlist(app, allowedHostNames(options.host, options.allowedHosts));
  await app.register(cors, {
    origin: options.corsOrigins.length > 0 ? options.corsOrigins : false,
    methods: API_METHODS,
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'x-request-id'],
    exposedHeaders: ['retry-after', 'www-authenticate', 'content-disposition'],
    maxAge: 600,
  });
  await registerOpenApi(app, PACKAGE_VERSION);
  await app.register(healthRoutes, { context });
  // One encapsulated context holds every /api route and the token check, so the check is
  // decided by the route a request matched, however its URL was spelled.
  await app.register(async (api) => {
    installBearerAuth(api, options.apiToken);
    declareBearerSecurity(api, options.apiToken);
    await api.register(moduleRoutes, { context });
    await api.register(runRoutes, { context });
    await api.register(logRoutes, { context });
    await api.register(systemRoutes, { context });
  });
  await app.register(panelPlugin);
  await app.register(perfReports, { reportsDir: options.reportsDir });

  // A crash or process.exit skips the graceful path; still take every child group down with us.
  const killOnExit = (): void => manager.killAllNow();
  process.on('exit', killOnExit);
  app.addHook('preClose', async () => {
    await manager.shutdown(options.onShutdown, options.shutdownTimeoutMs);
  });
  app.addHook('onClose', async () => {
    process.off('exit', killOnExit);
    await queueExecutor?.close();
    store.close();
    lock.release();
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
