import { parseArgs } from 'node:util';
import type { ServerOptionsInput } from './http/server-options.js';
import type { WorkerOptionsInput } from './queue/worker-options.js';

/** What the command line asked for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; options: Partial<ServerOptionsInput> }
  | { kind: 'worker'; options: Partial<WorkerOptionsInput> };

/** Usage text of `prismq-backend`. */
export const USAGE = `Usage: prismq-backend [options]
       prismq-backend worker --queue redis://HOST:PORT [worker options]

Runs the PrismQ control panel: a local HTTP API that launches modules, streams their logs
and keeps their history.

Options (each also read from the env variable in brackets):
  --host HOST           address to bind (PRISMQ_HOST, default 127.0.0.1)
  --port N              port to listen on, 0 for any free port (PRISMQ_PORT, default 8000)
  --modules FILE        module registry JSON (PRISMQ_MODULES, default: built-in registry)
  --data-dir DIR        folder for the database and run folders (PRISMQ_DATA_DIR, default ./.prismq)
  --max-concurrent N    runs at once; the rest queue (PRISMQ_MAX_CONCURRENT, default 10)
  --max-queued N        runs that may wait (PRISMQ_MAX_QUEUED, default 100)
  --cors-origin ORIGIN  allow a browser origin; repeatable (PRISMQ_CORS_ORIGINS, comma separated)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (PRISMQ_LOG_LEVEL, default info)
  --on-shutdown MODE    on SIGINT/SIGTERM: cancel running runs, or let them finish
                        (PRISMQ_ON_SHUTDOWN, default cancel); queued runs are cancelled
  --shutdown-timeout MS with --on-shutdown finish: cancel runs still going after MS
                        milliseconds (default 300000)
  --allowed-host NAME   answer requests whose Host header is NAME besides the loopback names
                        and the bound address; repeatable (PRISMQ_ALLOWED_HOSTS, comma separated)
  --allow-read DIR      folder that path parameters may read from; repeatable
                        (default <data-dir>/inputs; relative paths resolve against the first)
  --allow-insecure      allow a non-loopback --host without PRISMQ_API_TOKEN
  --reports-dir DIR     serve the generated reports folder at /perf (PRISMQ_REPORTS_DIR)
  --queue URL           run modules on queue workers over Redis (redis://host:port[/db] or
                        rediss://…) instead of as children of this server (PRISMQ_QUEUE)
  --lock-duration MS    with --queue: the workers' job lock; a run whose worker or Redis is
                        silent for longer ends failed (PRISMQ_LOCK_DURATION, default 30000)
  -h, --help            show this help
  -v, --version         show the version

PRISMQ_API_TOKEN, when set, makes every /api request need "Authorization: Bearer <token>".
A non-loopback --host needs it (or --allow-insecure).

Worker options (prismq-backend worker; one worker per machine):
  --queue URL           the server's Redis (PRISMQ_QUEUE), required
  --concurrency N       runs at once (PRISMQ_WORKER_CONCURRENCY, default 4)
  --modules FILE        module registry JSON (PRISMQ_MODULES, default: built-in registry)
  --data-dir DIR        run folders of this worker (PRISMQ_WORKER_DATA_DIR, default ./.prismq-worker)
  --lock-duration MS    job lock; give the server the same (PRISMQ_LOCK_DURATION, default 30000)
  --log-level LEVEL     error|warn|info|debug|silent (PRISMQ_LOG_LEVEL, default info)
`;

/** Parses argv (without node and script); throws on unknown options. Values are checked later by the options schema. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv[0] === 'worker') return parseWorkerArgs(argv.slice(1));
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      modules: { type: 'string' },
      'data-dir': { type: 'string' },
      'max-concurrent': { type: 'string' },
      'max-queued': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      'on-shutdown': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'allow-read': { type: 'string', multiple: true },
      'allow-insecure': { type: 'boolean' },
      'reports-dir': { type: 'string' },
      queue: { type: 'string' },
      'lock-duration': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const options: Record<string, unknown> = {};
  if (values.host !== undefined) options.host = values.host;
  if (values.port !== undefined) options.port = Number(values.port);
  if (values.modules !== undefined) options.modulesFile = values.modules;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['max-concurrent'] !== undefined)
    options.maxConcurrentRuns = Number(values['max-concurrent']);
  if (values['max-queued'] !== undefined) options.maxQueuedRuns = Number(values['max-queued']);
  if (values['cors-origin'] !== undefined) options.corsOrigins = values['cors-origin'];
  if (values['log-level'] !== undefined) options.logLevel = values['log-level'];
  if (values['on-shutdown'] !== undefined) options.onShutdown = values['on-shutdown'];
  if (values['shutdown-timeout'] !== undefined)
    options.shutdownTimeoutMs = Number(values['shutdown-timeout']);
  if (values['allowed-host'] !== undefined) options.allowedHosts = values['allowed-host'];
  if (values['allow-read'] !== undefined) options.allowRead = values['allow-read'];
  if (values['allow-insecure'] !== undefined) options.allowInsecure = values['allow-insecure'];
  if (values['reports-dir'] !== undefined) options.reportsDir = values['reports-dir'];
  if (values.queue !== undefined) options.queue = values.queue;
  if (values['lock-duration'] !== undefined)
    options.lockDurationMs = Number(values['lock-duration']);
  return { kind: 'serve', options };
}

function parseWorkerArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      modules: { type: 'string' },
      'data-dir': { type: 'string' },
      'lock-duration': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const options: Record<string, unknown> = {};
  if (values.queue !== undefined) options.queue = values.queue;
  if (values.concurrency !== undefined) options.concurrency = Number(values.concurrency);
  if (values.modules !== undefined) options.modulesFile = values.modules;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['lock-duration'] !== undefined)
    options.lockDurationMs = Number(values['lock-duration']);
  if (values['log-level'] !== undefined) options.logLevel = values['log-level'];
  return { kind: 'worker', options };
}
