import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder mapped source paths are relative to by default: the nearest folder at or above
 * `start` holding `.git` (a repository or a worktree), else `start` itself; symlinks resolved,
 * as V8 reports script URLs by their real paths.
 */
export function repositoryRoot(start: string): string {
  let real: string;
  try {
    real = realpathSync(start);
  } catch {
    real = resolve(start);
  }
  for (let dir = real; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return real;
  }
}
