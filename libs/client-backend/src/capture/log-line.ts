/** Which output stream a line came from. */
export type LogStream = 'stdout' | 'stderr';
/** Level guessed from a line's prefix. */
export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

/** One captured output line. */
export interface LogLine {
  /** 1-based, one sequence per run across both streams. */
  seq: number;
  /** Capture time, ms since the epoch. */
  time: number;
  /** The stream the line came from. */
  stream: LogStream;
  /** Level guessed from the line's prefix (see the README's log levels). */
  level: LogLevel;
  /** The line without its line break. */
  text: string;
  /** The original line was longer than the cap and was cut. */
  truncated: boolean;
}

// A program name before the level is the usual form of command-line tools
// (`prismq-score: warning: line 3: title: Required; line skipped`). Capped so that a long line
// without a colon costs a bounded scan: this runs on every captured line.
const PROGRAM_NAME = String.raw`(?:[\w@/.-]{1,64}:\s*)?`;
const ERROR_PREFIX = new RegExp(
  String.raw`^\s*(?:${PROGRAM_NAME}\[?(?:error|err|fatal|critical)\]?[\s:]|error$|traceback|uncaught|\w*Error:)`,
  'i',
);
const WARNING_PREFIX = new RegExp(String.raw`^\s*${PROGRAM_NAME}\[?(?:warn|warning)\]?[\s:]`, 'i');
const DEBUG_PREFIX = /^\s*\[?(?:debug|trace)\]?[\s:]/i;
const INFO_PREFIX = /^\s*\[?info\]?[\s:]/i;

/**
 * Guesses a level from common prefixes (`ERROR:`, `[warn]`, `debug `, `TypeError:`), also after
 * a program name (`prismq-score: warning: ...`).
 * Unprefixed lines are info whatever their stream: many tools print progress and chatter
 * on stderr, so the stream alone says little about severity.
 */
export function detectLevel(text: string): LogLevel {
  if (ERROR_PREFIX.test(text)) return 'error';
  if (WARNING_PREFIX.test(text)) return 'warning';
  if (DEBUG_PREFIX.test(text)) return 'debug';
  if (INFO_PREFIX.test(text)) return 'info';
  return 'info';
}

/**
 * Progress a module reported with a `::progress processed=<n> total=<m>` line; the protocol
 * is specified in `docs/progress-protocol.md`.
 */
export interface Progress {
  /** Items done so far. */
  processed: number;
  /** Items in all, `null` when the module did not say. */
  total: number | null;
  /** `processed / total` in percent (two decimals); `null` without a total or when it is 0. */
  percent: number | null;
}

// Counts are written without leading zeros and have at most 16 digits: anything longer cannot
// be a safe integer, and the regex stays cheap on every captured line.
const COUNT = '(0|[1-9][0-9]{0,15})';
const PROGRESS_LINE = new RegExp(`^::progress processed=${COUNT}(?: total=${COUNT})?[ \t]*$`);

/**
 * Reads a progress line; `undefined` for any other line, and for a progress line that breaks
 * the protocol: numbers that are not safe integers, or more processed than the total. A
 * module's output is untrusted: such a line stays a plain log line and the progress last
 * reported stands.
 */
export function parseProgress(text: string): Progress | undefined {
  if (!text.startsWith('::progress')) return undefined;
  const match = PROGRESS_LINE.exec(text);
  if (!match) return undefined;
  const processed = Number(match[1]);
  const total = match[2] === undefined ? null : Number(match[2]);
  if (!Number.isSafeInteger(processed) || (total !== null && !Number.isSafeInteger(total)))
    return undefined;
  if (total !== null && processed > total) return undefined;
  const percent =
    total === null || total === 0 ? null : Math.round((processed / total) * 10_000) / 100;
  return { processed, total, percent };
}
