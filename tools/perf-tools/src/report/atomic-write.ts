import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from './build-report';

/**
 * Writes every file to a temporary sibling first and renames them into place only once all
 * temporaries exist, so a failure (disk full, permission) leaves the old files untouched and
 * a reader never sees a half-written report or baseline.
 */
export function writeFilesAtomically(root: string, files: readonly OutputFile[]): void {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = join(root, file.path);
      const temp = `${target}.${process.pid}.tmp`;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(temp, file.content);
      staged.push({ temp, target });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
}
