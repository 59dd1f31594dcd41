import { quantileSorted } from 'simple-statistics';
import type { ProfilingResult } from './profiling-result.js';

/** Wall times kept per name for the percentiles; beyond it a uniform sample of them is kept. */
const SUMMARY_SAMPLE_LIMIT = 4096;

/** The calls of one name, as the exit summary counts them. */
export interface CallTally {
  kind: ProfilingResult['kind'];
  name: string;
  calls: number;
  totalMs: number;
  /** Up to {@link SUMMARY_SAMPLE_LIMIT} wall times: every one, or a uniform sample of them. */
  samples: number[];
}

/**
 * Adds one result to its name's tally. Past the sample limit, reservoir sampling keeps a
 * uniform sample, so the percentiles stay honest while memory stays bounded.
 */
export function tallyResult(
  tallies: Map<string, CallTally>,
  result: ProfilingResult,
  random: () => number = Math.random,
): void {
  const key = `${result.kind}\u0000${result.name}`;
  let tally = tallies.get(key);
  if (!tally) {
    tally = { kind: result.kind, name: result.name, calls: 0, totalMs: 0, samples: [] };
    tallies.set(key, tally);
  }
  tally.calls += 1;
  tally.totalMs += result.wallMs;
  if (tally.samples.length < SUMMARY_SAMPLE_LIMIT) tally.samples.push(result.wallMs);
  else {
    const slot = Math.floor(random() * tally.calls);
    if (slot < SUMMARY_SAMPLE_LIMIT) tally.samples[slot] = result.wallMs;
  }
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(1) : value >= 1 ? value.toFixed(3) : value.toFixed(4);
}

/**
 * The table printed at exit: one row per name — calls, total, mean, p50 and p95 wall time in
 * ms — busiest total first (pure).
 */
export function formatExitSummary(tallies: Iterable<CallTally>, mode: string): string {
  const rows = [...tallies]
    .sort((a, b) => b.totalMs - a.totalMs)
    .map((tally) => {
      const sorted = [...tally.samples].sort((a, b) => a - b);
      return [
        tally.kind,
        tally.name,
        String(tally.calls),
        ms(tally.totalMs),
        ms(tally.totalMs / tally.calls),
        ms(quantileSorted(sorted, 0.5)),
        ms(quantileSorted(sorted, 0.95)),
      ];
    });
  const header = ['kind', 'name', 'calls', 'total ms', 'mean ms', 'p50 ms', 'p95 ms'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 2
          ? cell.padEnd(widths[column] as number)
          : cell.padStart(widths[column] as number),
      )
      .join('  ');
  return [
    `@prismq/profiling: PRISMQ_PROFILE=${mode} summary of the calls no listener or file received`,
    line(header),
    ...rows.map(line),
    '',
  ].join('\n');
}
