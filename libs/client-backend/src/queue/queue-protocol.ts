import { z } from 'zod';
import type { LogStream } from '../capture/log-line.js';
import type { SplitLine } from '../capture/output-capture.js';

/**
 * Version of what server and workers exchange through Redis: the job payload and the run
 * stream's entries. A worker refuses a job of another version with a typed error.
 */
export const QUEUE_PROTOCOL_VERSION = 1;

/** The BullMQ queue runs are put on. */
export const QUEUE_NAME = 'prismq-runs';

/** Lock duration of a worker's jobs unless told otherwise. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;

/** Seconds a finished run's stream and cancel key stay in Redis (late readers, fencing). */
export const FINISHED_KEY_TTL_SECONDS = 3_600;

/** Only the version, read first: a job of another version may have any other shape. */
export const JobVersionSchema = z.looseObject({ protocolVersion: z.unknown() });

// Argv entries reach a child process: no NUL, bounded.
const argvEntry = z
  .string()
  .max(1_048_576)
  .refine((text) => !text.includes('\u0000'), 'must not contain NUL');

/** What the server puts on the queue for one run. */
export const RunJobSchema = z.strictObject({
  protocolVersion: z.literal(QUEUE_PROTOCOL_VERSION),
  runId: z.uuid(),
  moduleId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** The run's parameters as flags, after the module's command (which the worker's registry gives). */
  args: z.array(argvEntry).max(1_000),
  /** Resolved `access: write` paths whose folders the module needs. */
  writePaths: z.array(argvEntry).max(100),
  /** Whether a run whose worker was lost may start again. */
  retrySafe: z.boolean(),
  /** Version of the server that queued it, for messages. */
  serverVersion: z.string().max(64),
});
/** What the server puts on the queue for one run. */
export type RunJob = z.infer<typeof RunJobSchema>;

/** Key of a run's stream: everything its worker reports, in order. */
export function runStreamKey(runId: string): string {
  return `prismq:${QUEUE_NAME}:run:${runId}`;
}

/** Key a worker checks for a cancel that came before it took the run. */
export function cancelKey(runId: string): string {
  return `prismq:${QUEUE_NAME}:cancel:${runId}`;
}

/** Channel cancels are published on: `<runId> TERM|KILL`. */
export const CANCEL_CHANNEL = `prismq:${QUEUE_NAME}:cancel`;

/**
 * Stream entry ids are `<attempt>-<seq>`: `<attempt>-0` is an attempt's `started`, a batch of
 * lines has the sequence number of its last line, and `end` the number after the last line.
 * Redis refuses an id not above the newest, so a write repeated after a lost reply is not
 * stored twice, and once a newer attempt or the server's own `end` (an id Redis makes from
 * its clock, far above any attempt) is in the stream, a worker that lost the run can add
 * nothing more.
 */
export function entryId(attempt: number, seq: number): string {
  return `${attempt}-${seq}`;
}

/** One entry of a run's stream, as the server reads it. */
export type RunStreamEntry =
  | { kind: 'started'; attempt: number; worker: string }
  | { kind: 'lines'; lines: SplitLine[] }
  | {
      kind: 'end';
      status: 'completed' | 'failed';
      exitCode: number | null;
      errorMessage: string | null;
    };

const StartedFields = z.object({
  t: z.literal('started'),
  a: z.coerce.number().int().min(1),
  w: z.string().max(300),
});
const EndFields = z.object({
  t: z.literal('end'),
  s: z.enum(['completed', 'failed']),
  c: z.string().regex(/^-?\d{0,10}$/),
  m: z.string().max(10_000),
});

/** Fields of a `started` entry. */
export function startedFields(attempt: number, worker: string): string[] {
  return ['t', 'started', 'a', String(attempt), 'w', worker];
}

/** Fields of an `end` entry. */
export function endFields(
  status: 'completed' | 'failed',
  exitCode: number | null,
  errorMessage: string | null,
): string[] {
  return [
    't',
    'end',
    's',
    status,
    'c',
    exitCode === null ? '' : String(exitCode),
    'm',
    errorMessage ?? '',
  ];
}

const STREAM_CODE: Record<LogStream, string> = { stdout: 'o', stderr: 'e' };

/** Fields of a `lines` entry: one JSON array of `[stream, text, truncated]`. */
export function linesFields(lines: readonly SplitLine[]): string[] {
  return [
    't',
    'lines',
    'l',
    JSON.stringify(
      lines.map((line) => [STREAM_CODE[line.stream], line.text, line.truncated ? 1 : 0]),
    ),
  ];
}

/**
 * Reads an entry's fields; `undefined` for one this version does not know. Lines are checked
 * by hand, not by a schema: they are the hot path.
 */
export function parseEntry(fields: readonly string[]): RunStreamEntry | undefined {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2)
    record[fields[i] as string] = fields[i + 1] as string;
  if (record.t === 'lines') return parseLines(record.l);
  if (record.t === 'started') {
    const started = StartedFields.safeParse(record);
    return started.success
      ? { kind: 'started', attempt: started.data.a, worker: started.data.w }
      : undefined;
  }
  const end = EndFields.safeParse(record);
  if (!end.success) return undefined;
  return {
    kind: 'end',
    status: end.data.s,
    exitCode: end.data.c === '' ? null : Number(end.data.c),
    errorMessage: end.data.m === '' ? null : end.data.m,
  };
}

function parseLines(text: string | undefined): RunStreamEntry | undefined {
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  const lines: SplitLine[] = [];
  for (const item of raw as unknown[]) {
    if (!Array.isArray(item) || typeof item[1] !== 'string') return undefined;
    lines.push({
      stream: item[0] === 'e' ? 'stderr' : 'stdout',
      text: item[1],
      truncated: item[2] === 1,
    });
  }
  return { kind: 'lines', lines };
}
