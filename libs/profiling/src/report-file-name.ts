import { join } from 'node:path';
import { fileTimestamp } from './file-timestamp.js';

// Shared through globalThis so that the ESM and CommonJS builds, if both get loaded, never hand
// out the same number.
const COUNTER_KEY = Symbol.for('@prismq/profiling/report-counter');
const holder = globalThis as unknown as Record<symbol, { next: number } | undefined>;
const counter = (holder[COUNTER_KEY] ??= { next: 0 });

/**
 * `<dir>/<name>_<timestamp>_<pid>-<n>` — the stem every profiler adds its extensions to. The
 * process id and a per-process counter make every call's files its own, however many calls
 * share a name and a millisecond, and whichever processes share the folder.
 */
export function reportStem(dir: string, name: string, startedAt: Date): string {
  counter.next += 1;
  return join(dir, `${name}_${fileTimestamp(startedAt)}_${process.pid}-${counter.next}`);
}
