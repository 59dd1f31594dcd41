import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTargetsFile, type TargetsFile } from '@prismq/perf-tools';

/** Where the targets of every benchmark live, relative to the workspace root. */
export const TARGETS_FILE = 'benchmarks/targets.json';

/**
 * The workspace's targets file, validated with the reports' own schema: the load profile
 * judges its cases against the same targets the reports show.
 * @throws `TargetsFileError` naming the file and the first problem
 */
export function readLoadTargets(root: string): TargetsFile {
  return parseTargetsFile(readFileSync(path.join(root, TARGETS_FILE), 'utf8'), TARGETS_FILE);
}
