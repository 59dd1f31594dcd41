import path from 'node:path';

/**
 * The layout of a run's working folder under the runs folder: the module starts in
 * `<runsDir>/<runId>`, writes its results to `output/` inside it, and its output is kept in
 * `run.log` beside them. `runId` must already be validated (a uuid) so the paths stay inside.
 */
export function runFolder(runsDir: string, runId: string): string {
  return path.join(runsDir, runId);
}

/** The run's output folder (`PRISMQ_OUTPUT_DIR`), which the results routes list and serve. */
export function runOutputFolder(runsDir: string, runId: string): string {
  return path.join(runFolder(runsDir, runId), 'output');
}

/** The run's log file. */
export function runLogFile(runsDir: string, runId: string): string {
  return path.join(runFolder(runsDir, runId), 'run.log');
}

/**
 * Where a run executed on a queue worker keeps how far the server has read its Redis stream,
 * so a restarted server follows it on from there.
 */
export function runQueueCursorFile(runsDir: string, runId: string): string {
  return path.join(runFolder(runsDir, runId), 'queue-cursor.json');
}
