import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `start` that holds an `nx.json`, else `start` itself. */
export function findWorkspaceRoot(
  start: string,
  exists: (path: string) => boolean = existsSync,
): string {
  let dir = resolve(start);
  for (;;) {
    if (exists(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}
