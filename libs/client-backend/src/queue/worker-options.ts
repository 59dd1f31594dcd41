import { z } from 'zod';
import { formatValidationIssue } from '../registry/validation-issue.js';
import { WorkerOptionsError } from './queue-errors.js';
import { DEFAULT_LOCK_DURATION_MS } from './queue-protocol.js';
import { queueUrlProblem } from './queue-url.js';

/** A `--queue` URL: `redis://host[:port][/db]` or `rediss://…`. */
export const QueueUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = queueUrlProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** How long a worker's job lock lasts before the job counts as lost, in ms. */
export const LockDurationSchema = z.number().int().min(1_000).max(600_000);

/** Options of `prismq-backend worker`. */
const WorkerOptionsSchema = z.strictObject({
  queue: QueueUrlSchema,
  /** Runs this worker executes at once. */
  concurrency: z.number().int().min(1).max(256).default(4),
  /** Registry file; the built-in registry when absent. */
  modulesFile: z.string().min(1).optional(),
  /** Holds `runs/<runId>/` (working folder, output, the worker's copy of the log). */
  dataDir: z.string().min(1).default('./.prismq-worker'),
  lockDurationMs: LockDurationSchema.default(DEFAULT_LOCK_DURATION_MS),
  logLevel: z.enum(['error', 'warn', 'info', 'debug', 'silent']).default('info'),
});
/** Options of `prismq-backend worker` as given. */
export type WorkerOptionsInput = z.input<typeof WorkerOptionsSchema>;
/** Options of `prismq-backend worker`, defaults filled in. */
export type WorkerOptions = z.output<typeof WorkerOptionsSchema>;

/** Validates worker options; throws {@link WorkerOptionsError} naming each bad option. */
export function parseWorkerOptions(input: unknown): WorkerOptions {
  const parsed = WorkerOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new WorkerOptionsError(
      parsed.error.issues.map((issue) => formatValidationIssue(issue, '(options)')),
    );
  return parsed.data;
}

const ENV_NAMES = {
  queue: 'PRISMQ_QUEUE',
  concurrency: 'PRISMQ_WORKER_CONCURRENCY',
  modulesFile: 'PRISMQ_MODULES',
  dataDir: 'PRISMQ_WORKER_DATA_DIR',
  lockDurationMs: 'PRISMQ_LOCK_DURATION',
  logLevel: 'PRISMQ_LOG_LEVEL',
} as const;
const NUMERIC = new Set(['concurrency', 'lockDurationMs']);

/** Reads worker options from env variables; unset ones are left out. */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<WorkerOptionsInput> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    out[key] = NUMERIC.has(key) ? Number(value) : value;
  }
  return out;
}
