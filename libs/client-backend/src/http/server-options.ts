import { z } from 'zod';
import { ServerOptionsError } from './errors.js';
import { isLoopbackName } from './plugins/host-allowlist.js';
import { formatValidationIssue } from '../registry/validation-issue.js';
import { DEFAULT_LOCK_DURATION_MS } from '../queue/queue-protocol.js';
import { LockDurationSchema, QueueUrlSchema } from '../queue/worker-options.js';

/** Options of {@link createServer}; also what the CLI and env fill in. */
export const ServerOptionsSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8000),
    /** Registry file; the built-in registry when absent. */
    modulesFile: z.string().min(1).optional(),
    dataDir: z.string().min(1).default('./.prismq'),
    maxConcurrentRuns: z.number().int().min(1).max(1_000).default(10),
    maxQueuedRuns: z.number().int().min(0).max(100_000).default(100),
    /** Lines each run keeps in memory. */
    bufferLines: z.number().int().min(1).max(1_000_000).default(10_000),
    /** Time between SIGTERM and SIGKILL when a run is cancelled or the server stops. */
    killGraceMs: z.number().int().min(0).max(600_000).default(5_000),
    /** When set, `/api` requests need `Authorization: Bearer <token>`. */
    apiToken: z.string().min(1).optional(),
    /** Origins allowed by CORS; none by default. */
    corsOrigins: z.array(z.string().min(1)).default([]),
    /** On close: `cancel` running runs (SIGTERM, then SIGKILL) or let them `finish`. */
    onShutdown: z.enum(['cancel', 'finish']).default('cancel'),
    /** With `onShutdown: 'finish'`: how long to wait before cancelling what still runs. */
    shutdownTimeoutMs: z.number().int().min(0).max(86_400_000).default(300_000),
    sseKeepAliveMs: z.number().int().min(10).max(3_600_000).default(15_000),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Host names the server answers to besides the loopback names and the bound address. */
    allowedHosts: z.array(z.string().min(1).max(253)).default([]),
    /**
     * Folders `access: read` path parameters may point into; default `<dataDir>/inputs`. A
     * relative path resolves against the first.
     */
    allowRead: z.array(z.string().min(1)).optional(),
    /** Allows binding a non-loopback address without an API token. */
    allowInsecure: z.boolean().default(false),
    /** Generated reports folder served read-only at `/perf`; `/perf` is not served when absent. */
    reportsDir: z.string().min(1).optional(),
    /**
     * Redis of the queue workers (`redis://host:port[/db]`, `rediss://…`): runs execute on
     * `prismq-backend worker` processes instead of as children of this server.
     */
    queue: QueueUrlSchema.optional(),
    /** With `queue`: the workers' job lock; a run whose worker or Redis is silent longer fails. */
    lockDurationMs: LockDurationSchema.default(DEFAULT_LOCK_DURATION_MS),
  })
  .superRefine((options, ctx) => {
    if (!isLoopbackName(options.host) && options.apiToken === undefined && !options.allowInsecure)
      ctx.addIssue({
        code: 'custom',
        path: ['host'],
        message: `binding ${options.host} exposes the API beyond this machine: set PRISMQ_API_TOKEN, or pass --allow-insecure to do it without a token`,
      });
  });
/** Options of {@link createServer} as given. */
export type ServerOptionsInput = z.input<typeof ServerOptionsSchema>;
/** Options with defaults filled in. */
export type ServerOptions = z.output<typeof ServerOptionsSchema>;

/** Validates options; throws {@link ServerOptionsError} naming each bad option. */
export function parseServerOptions(input: unknown): ServerOptions {
  const parsed = ServerOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ServerOptionsError(
      parsed.error.issues.map((issue) => formatValidationIssue(issue, '(options)')),
    );
  }
  return parsed.data;
}

/** Env variable of each option that can come from the environment. */
const ENV_NAMES = {
  host: 'PRISMQ_HOST',
  port: 'PRISMQ_PORT',
  modulesFile: 'PRISMQ_MODULES',
  dataDir: 'PRISMQ_DATA_DIR',
  maxConcurrentRuns: 'PRISMQ_MAX_CONCURRENT',
  maxQueuedRuns: 'PRISMQ_MAX_QUEUED',
  apiToken: 'PRISMQ_API_TOKEN',
  corsOrigins: 'PRISMQ_CORS_ORIGINS',
  logLevel: 'PRISMQ_LOG_LEVEL',
  onShutdown: 'PRISMQ_ON_SHUTDOWN',
  allowedHosts: 'PRISMQ_ALLOWED_HOSTS',
  reportsDir: 'PRISMQ_REPORTS_DIR',
  queue: 'PRISMQ_QUEUE',
  lockDurationMs: 'PRISMQ_LOCK_DURATION',
} as const;

const NUMERIC = new Set(['port', 'maxConcurrentRuns', 'maxQueuedRuns', 'lockDurationMs']);

/** Reads options from env variables (`PRISMQ_HOST`, `PRISMQ_PORT`, …); unset ones are left out. */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<ServerOptionsInput> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (key === 'corsOrigins' || key === 'allowedHosts')
      out[key] = value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
    else out[key] = NUMERIC.has(key) ? Number(value) : value;
  }
  return out;
}
