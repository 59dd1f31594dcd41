import { isAbsolute, join } from 'node:path';

/**
 * The layout of a reports folder — what each file under `reports/` is called and where it sits.
 * Every writer and reader of the toolkit (the runner, `prismq-bench compare`, the load test, the
 * report generator) finds its files through these functions, so the layout is spelled once.
 *
 * ```text
 * <reportsDir>/benchmarks/<project>/<timestamp>.json, latest.json   benchmark runs
 * <reportsDir>/baseline/<project>.json                              committed baselines
 * <reportsDir>/compare/<project>.json                               paired comparisons
 * <reportsDir>/compare/<project>.aa.json                            A/A noise measurements
 * <reportsDir>/compare/<project>.html, <project>.aa.html             their report pages
 * <reportsDir>/compare/shards/<project>.<i>-of-<n>.json             shards of a comparison
 * <reportsDir>/history/<project>.jsonl                              benchmark history
 * <reportsDir>/cpu/, memory/, load/<project>.json                   profiles and load tests
 * ```
 *
 * Every function returns a path under the `reportsDir` it is given: an absolute `reportsDir` gives
 * a platform path (joined with `node:path`), a relative one a `/`-separated relative path, the
 * way the report generator names files in its reports and warnings.
 */

/** Name of the reports folder under a workspace root. */
export const REPORTS_FOLDER = 'reports';

/** A folder of the reports folder: what one kind of result file is kept in. */
export type ReportsFolder =
  'benchmarks' | 'baseline' | 'compare' | 'history' | 'cpu' | 'memory' | 'load';

const JSON_SUFFIX = '.json';
const A_A_SUFFIX = '.aa.json';
const HISTORY_SUFFIX = '.jsonl';
const LATEST_RUN_NAME = 'latest.json';

function under(reportsDir: string, ...parts: string[]): string {
  if (isAbsolute(reportsDir)) return join(reportsDir, ...parts);
  return [reportsDir.replace(/\/+$/, ''), ...parts].join('/');
}

/** `<workspaceRoot>/reports`: the reports folder of a workspace. */
export function workspaceReportsDir(workspaceRoot: string): string {
  return join(workspaceRoot, REPORTS_FOLDER);
}

/** `<reportsDir>/<folder>`: the folder one kind of result file is kept in. */
export function reportsFolder(reportsDir: string, folder: ReportsFolder): string {
  return under(reportsDir, folder);
}

/** `<reportsDir>/benchmarks/<project>/latest.json`: the newest run of a benchmark project. */
export function latestRunPath(reportsDir: string, project: string): string {
  return under(reportsDir, 'benchmarks', project, LATEST_RUN_NAME);
}

/**
 * `<runsDir>/<project>/<name>`: a run document of a project in a runner's output folder
 * (`<reportsDir>/benchmarks` unless the runner is told another); `name` defaults to
 * `latest.json`.
 */
export function runDocumentPath(runsDir: string, project: string, name = LATEST_RUN_NAME): string {
  return under(runsDir, project, name);
}

/** `<reportsDir>/baseline/<project>.json`: the committed baseline of a benchmark project. */
export function baselinePath(reportsDir: string, project: string): string {
  return under(reportsDir, 'baseline', `${project}${JSON_SUFFIX}`);
}

/** What a comparison measured: base against head, or one clean commit against itself (A/A). */
export type CompareKind = 'compare' | 'aa';

/**
 * `<reportsDir>/compare/<project>.json`, or `<project>.aa.json` for an A/A comparison (both sides
 * the same clean commit: a measurement of the machine's noise).
 */
export function compareDocumentPath(
  reportsDir: string,
  project: string,
  kind: CompareKind = 'compare',
): string {
  return under(reportsDir, 'compare', `${project}${kind === 'aa' ? A_A_SUFFIX : JSON_SUFFIX}`);
}

/**
 * `<reportsDir>/compare/<project>.html` (`<project>.aa.html` for an A/A comparison): the report
 * page beside the compare document, with the differential flame graphs of its explained cases.
 */
export function comparePagePath(
  reportsDir: string,
  project: string,
  kind: CompareKind = 'compare',
): string {
  return under(reportsDir, 'compare', `${project}${kind === 'aa' ? '.aa' : ''}.html`);
}

/**
 * The project and kind a file name in `<reportsDir>/compare/` stands for, or `undefined` for a
 * name that is not a compare document's (not `.json`).
 */
export function parseCompareDocumentName(
  name: string,
): { project: string; kind: CompareKind } | undefined {
  if (name.endsWith(A_A_SUFFIX)) return { project: name.slice(0, -A_A_SUFFIX.length), kind: 'aa' };
  if (name.endsWith(JSON_SUFFIX))
    return { project: name.slice(0, -JSON_SUFFIX.length), kind: 'compare' };
  return undefined;
}

/**
 * `<reportsDir>/compare/shards/<project>.<index>-of-<count>.json`: the document of one shard of a
 * comparison (`prismq-bench compare --shard <index>/<count>`), for `prismq-bench merge` to join.
 * Shards sit in a folder of their own, so that readers of `compare/*.json` never take a part of a
 * comparison for the whole.
 */
export function shardDocumentPath(
  reportsDir: string,
  project: string,
  index: number,
  count: number,
): string {
  return under(reportsDir, 'compare', 'shards', `${project}.${index}-of-${count}${JSON_SUFFIX}`);
}

/** `<reportsDir>/history/<project>.jsonl`: the benchmark history of a project. */
export function historyPath(reportsDir: string, project: string): string {
  return under(reportsDir, 'history', `${project}${HISTORY_SUFFIX}`);
}

/**
 * The project a file name in `<reportsDir>/history/` holds the history of, or `undefined` for a
 * name that is not a history file's (not `.jsonl`).
 */
export function parseHistoryFileName(name: string): string | undefined {
  return name.endsWith(HISTORY_SUFFIX) ? name.slice(0, -HISTORY_SUFFIX.length) : undefined;
}

/** `<reportsDir>/load/<project>.json`: the whole-system load test of a project. */
export function loadReportPath(reportsDir: string, project: string): string {
  return under(reportsDir, 'load', `${project}${JSON_SUFFIX}`);
}
