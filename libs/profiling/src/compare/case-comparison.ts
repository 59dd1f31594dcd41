import type { CompareCase } from '../compare-document-schema.js';
import { changeVerdict } from '../stats/change-verdict.js';
import { median } from '../stats/median.js';
import { pairedLogRatioInterval } from '../stats/paired-ratio-interval.js';

/** What the rounds measured of one case: per round, the slices of each side, paired. */
export interface CaseRounds {
  id: string;
  /** One entry per round: slice times (ns per iteration) of base and head, by alternation. */
  rounds: { base: number[]; head: number[] }[];
}

/**
 * One value per round: log(head / base) of the fastest slice of each side. Whatever else runs on
 * the machine only ever slows a slice down (a busy sibling hyperthread can halve its speed for
 * tens of milliseconds), so within a round the fastest slice is the one least disturbed;
 * each side gets the same number of chances, interleaved, so neither is favoured.
 */
export function roundLogRatio(round: { base: readonly number[]; head: readonly number[] }): number {
  return Math.log(Math.min(...round.head) / Math.min(...round.base));
}

/**
 * Turns measured rounds into compare cases, slowest ratio first. The rounds — fresh processes,
 * each with its own JIT decisions — are the independent units: the interval is the Wilcoxon
 * signed-rank interval of their log-ratios, so one lucky or unlucky process cannot decide.
 */
export function compareCases(measured: readonly CaseRounds[], threshold: number, confidence: number): CompareCase[] {
  const cases: CompareCase[] = [];
  for (const { id, rounds } of measured) {
    const usable = rounds.filter((round) => round.base.length > 0 && round.head.length > 0);
    const interval = pairedLogRatioInterval(usable.map(roundLogRatio), confidence);
    if (!interval) continue;
    cases.push({
      id,
      ratio: interval.ratio,
      low: interval.low,
      high: interval.high,
      verdict: changeVerdict(interval, threshold),
      baseP50: median(usable.flatMap((round) => round.base)),
      headP50: median(usable.flatMap((round) => round.head)),
      rounds: usable.length,
    });
  }
  return cases.sort((a, b) => b.ratio - a.ratio || a.id.localeCompare(b.id));
}
