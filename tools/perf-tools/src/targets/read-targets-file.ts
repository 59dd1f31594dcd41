import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTargetsFile } from './parse-targets-file';
import type { TargetsFile } from './targets-file-schema';
import { TargetsFileError } from './targets-file-error';

/** Where the workspace keeps its targets, relative to the workspace root. */
export const DEFAULT_TARGETS_FILE = 'benchmarks/targets.json';

/**
 * Reads and validates the targets file `file` (relative to `root`): the one place every
 * target is stated, for the reports and for the profiles that print verdicts while they run.
 * @throws {@link TargetsFileError} when the file is unreadable, not JSON or invalid
 */
export function readTargetsFile(root: string, file: string = DEFAULT_TARGETS_FILE): TargetsFile {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (error) {
    throw new TargetsFileError('TARGETS_FILE_UNREADABLE', file, '', (error as Error).message);
  }
  return parseTargetsFile(text, file);
}
