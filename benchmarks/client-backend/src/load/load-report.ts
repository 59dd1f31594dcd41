import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  LoadTestReportSchema,
  REPORTS_FOLDER,
  loadReportPath,
  type LoadTestCase,
  type LoadTestReport,
} from '@prismq/profiling';

/** The nearest folder at or above `start` holding `nx.json`. */
export function workspaceRoot(start: string): string {
  let dir = path.resolve(start);
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`no nx.json above ${start}: run the profile inside the workspace`);
    dir = parent;
  }
  return dir;
}

/** A written load report and its path relative to the workspace root. */
export interface WrittenLoadReport {
  readonly file: string;
  readonly data: LoadTestReport;
}

/**
 * Validates the report against the profiling library's schema and writes it atomically
 * (temporary file, then rename) to `reports/load/<project>.json`.
 */
export function writeLoadReport(
  root: string,
  project: string,
  quick: boolean,
  cases: LoadTestCase[],
  now: Date,
): WrittenLoadReport {
  const report: LoadTestReport = LoadTestReportSchema.parse({
    schemaVersion: 1,
    kind: 'load',
    project,
    timestamp: now.toISOString(),
    quick,
    cases,
  });
  const file = loadReportPath(REPORTS_FOLDER, project);
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temporary, target);
  return { file, data: report };
}
