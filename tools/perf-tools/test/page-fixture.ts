// A planted workspace with a benchmark history across commits and a real CPU profile.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendBenchmarkHistory,
  historyEntriesOfComparison,
  historyEntriesOfRun,
  profileFunction,
} from '@prismq/profiling';
import { caseFrom, runOf, samplesAround } from './run-document';
import { createPlantedWorkspace, plantedCases } from './workspace-fixture';

/** Commits of the three runs the history holds before the current one. */
export const HISTORY_COMMITS = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40)] as const;

/** The function the fixture profile spends its time in. */
function spinReportFlameTarget(ms: number): number {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x;
}

/** Name of the fixture's CPU profile. */
export const PROFILE_NAME = 'alpha-flame';

/**
 * The planted workspace plus `reports/history/alpha.jsonl` (three earlier runs, a paired
 * comparison calling `alpha/api/fast` slower, and a torn last line) and a real `.cpuprofile`
 * of {@link spinReportFlameTarget} under `reports/cpu/`.
 */
export async function createHistoryWorkspace(): Promise<string> {
  const root = createPlantedWorkspace({ seed: 1 });
  const history = join(root, 'reports', 'history', 'alpha.jsonl');
  HISTORY_COMMITS.forEach((commit, i) => {
    const run = runOf('alpha', plantedCases({ seed: 10 + i, fastFactor: 1 + i * 0.1 }), {
      startedAt: `2026-01-0${7 + i}T10:00:00.000Z`,
      environment: { ...runOf('alpha', []).environment, gitCommit: commit, gitDirty: i === 2 },
    });
    appendBenchmarkHistory(history, historyEntriesOfRun(run));
  });
  const base = runOf('alpha', []);
  appendBenchmarkHistory(
    history,
    historyEntriesOfComparison({
      schemaVersion: 1,
      project: 'alpha',
      createdAt: '2026-01-09T12:00:00.000Z',
      base: { ref: 'main', commit: HISTORY_COMMITS[1] },
      head: { ref: 'HEAD', commit: HISTORY_COMMITS[2], dirty: false },
      environment: base.environment,
      method: { name: 'paired-bootstrap', threshold: 0.02, confidence: 0.95 },
      cases: [
        {
          id: 'alpha/api/fast',
          ratio: 1.09,
          low: 1.05,
          high: 1.13,
          verdict: 'slower',
          baseP50: caseFrom('x/y/z', samplesAround(2_200, 50, 3)).stats.p50,
          headP50: 2_400,
          rounds: 12,
        },
      ],
    }),
  );
  appendFileSync(history, '{"schemaVersion":1,"proj');
  await profileFunction(() => spinReportFlameTarget(80), {
    name: PROFILE_NAME,
    outputDir: join(root, 'reports', 'cpu'),
    sampleIntervalUs: 200,
  });
  return root;
}

/** The fixture profile's `.cpuprofile` file name. */
export function profileFileOf(root: string): string {
  const name = readdirSync(join(root, 'reports', 'cpu')).find(
    (file) => file.startsWith(PROFILE_NAME) && file.endsWith('.cpuprofile'),
  );
  if (!name) throw new Error(`no ${PROFILE_NAME} profile under ${root}/reports/cpu`);
  return name;
}
