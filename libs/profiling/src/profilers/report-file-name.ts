import { join } from 'node:path';
import { fileTimestamp } from '../results/file-timestamp.js';

// Shared through globalThis so that the ESM and CommonJS builds, if both get loaded, never hand
// out the same number.
const COUNTER_KEY = Symbol.for('@prismq/profiling/report-counter');
const holder = globalThis as unknown as Record<symbol, { next: number } | undefined>;
const counter = (holder[COUNTER_KEY] ??= { next: 0 });

// A record name built from a class and a computed method key (or a function's `name`) may hold
// path separators or control characters; in a file name they become `_`, and the name is cut
// short enough to leave room for the rest of the file name.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE_IN_FILE_NAME = /[/\\\u0000-\u001f]/g;
const MAX_NAME_LENGTH = 120;

/** `name` as it appears in a report file name: no separators or control characters, bounded. */
export function fileNamePart(name: string): string {
  return name.replace(UNSAFE_IN_FILE_NAME, '_').slice(0, MAX_NAME_LENGTH);
}

/**
 * `<dir>/<name>_<timestamp>_<pid>-<n>` — the stem every profiler adds its extensions to. The
 * process id and a per-process counter make every call's files its own, however many calls
 * share a name and a millisecond, and whichever processes share the folder.
 */
export function reportStem(dir: string, name: string, startedAt: Date): string {
  counter.next += 1;
  return join(
    dir,
    `${fileNamePart(name)}_${fileTimestamp(startedAt)}_${process.pid}-${counter.next}`,
  );
}
