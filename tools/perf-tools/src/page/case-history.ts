import {
  historyEntriesOfComparison,
  historyEntriesOfRun,
  type BenchmarkRun,
  type CompareDocument,
  type HistoryEntry,
  type MachineFingerprint,
} from '@prismq/profiling';
import type { Sourced } from '../inputs/report-inputs';

/** One point of a case's trend: a history entry and whether its machine matches the current run. */
export interface TrendPoint {
  readonly entry: HistoryEntry;
  /** Measured on the machine of the current run, so comparable with it. */
  readonly sameMachine: boolean;
}

function entryKey(entry: HistoryEntry): string {
  return `${entry.project}\u0000${entry.id}\u0000${entry.date}\u0000${entry.source}\u0000${entry.commit ?? ''}`;
}

function fingerprintKey(machine: MachineFingerprint): string {
  return JSON.stringify([
    machine.cpuModel,
    machine.cpuCount,
    machine.os,
    machine.node,
    machine.v8,
    machine.gpus,
  ]);
}

/**
 * Every case's points across commits, keyed by `<project>\u0000<case id>`: the history files,
 * plus the current runs and paired comparisons where the history does not hold them yet (a
 * history kept elsewhere, or a comparison no one appended). Oldest first.
 */
export function caseHistories(
  history: readonly HistoryEntry[],
  runs: readonly Sourced<BenchmarkRun>[],
  compares: readonly Sourced<CompareDocument>[],
): Map<string, TrendPoint[]> {
  const seen = new Set(history.map(entryKey));
  const extra = [
    ...runs.flatMap((run) => historyEntriesOfRun(run.data)),
    ...compares.flatMap((compare) => historyEntriesOfComparison(compare.data)),
  ].filter((entry) => !seen.has(entryKey(entry)));
  const all = [...history, ...extra].sort(
    (a, b) => a.date.localeCompare(b.date) || a.source.localeCompare(b.source),
  );
  const machineOf = new Map(
    runs.map((run) => [
      run.data.project,
      fingerprintKey(historyEntriesOfRun(run.data)[0]!.machine),
    ]),
  );
  const byCase = new Map<string, TrendPoint[]>();
  for (const entry of all) {
    const key = `${entry.project}\u0000${entry.id}`;
    const points = byCase.get(key) ?? [];
    points.push({
      entry,
      sameMachine: machineOf.get(entry.project) === fingerprintKey(entry.machine),
    });
    byCase.set(key, points);
  }
  return byCase;
}
