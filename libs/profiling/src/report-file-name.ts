import { join } from 'node:path';
import { fileTimestamp } from './file-timestamp.js';

/** `<dir>/<name>_<timestamp>` — the stem every profiler adds its extensions to. */
export function reportStem(dir: string, name: string, startedAt: Date): string {
  return join(dir, `${name}_${fileTimestamp(startedAt)}`);
}
