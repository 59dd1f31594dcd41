import { mannWhitneyU, medianRatioInterval, type RatioInterval } from '@prismq/profiling/stats';
import type { MeasuredCase } from './measured-case';

/** Outcome of comparing a case with its baseline. */
export type ComparisonVerdict = 'faster' | 'slower' | 'no significant change' | 'not tested';

/** One case compared with the same case in the baseline. */
export interface CaseComparison {
  readonly id: string;
  readonly project: string;
  readonly module: string;
  readonly file: string;
  readonly baselineFile: string;
  readonly baselineP50: number;
  readonly currentP50: number;
  /** currentP50 / baselineP50. */
  readonly ratio: number;
  /** Bootstrap interval of the ratio of medians, when both sides kept samples. */
  readonly interval?: RatioInterval;
  /** Two-sided Mann–Whitney U p-value, when both sides kept samples. */
  readonly pValue?: number;
  readonly verdict: ComparisonVerdict;
}

/** How a difference must look before it counts. */
export interface ComparisonPolicy {
  /** Noise threshold: changes in p50 smaller than this fraction never count (0.05 = 5 %). */
  readonly tolerance: number;
  /** Significance level: of the U test, or 1 − confidence of the bootstrap interval. */
  readonly alpha: number;
  /**
   * `mann-whitney`: the samples differ with p < alpha. `bootstrap`: the (1 − alpha) bootstrap
   * interval of the ratio of medians excludes 1.
   */
  readonly test: SignificanceTest;
}

/** How significance is decided. */
export type SignificanceTest = 'mann-whitney' | 'bootstrap';

function isSignificant(
  pValue: number | undefined,
  interval: RatioInterval | undefined,
  policy: ComparisonPolicy,
): boolean | undefined {
  if (policy.test === 'bootstrap')
    return interval ? interval.low > 1 || interval.high < 1 : undefined;
  return pValue === undefined ? undefined : pValue < policy.alpha;
}

function verdictOf(
  ratio: number,
  significant: boolean | undefined,
  policy: ComparisonPolicy,
): ComparisonVerdict {
  if (significant === undefined) return 'not tested';
  if (!significant) return 'no significant change';
  if (ratio > 1 + policy.tolerance) return 'slower';
  if (ratio < 1 / (1 + policy.tolerance)) return 'faster';
  return 'no significant change';
}

/**
 * Compares every current case with the same id in the baseline of its project. A change counts
 * only when it is larger than the tolerance and the samples differ significantly.
 */
export function compareWithBaseline(
  current: readonly MeasuredCase[],
  baseline: readonly MeasuredCase[],
  policy: ComparisonPolicy,
): CaseComparison[] {
  const byKey = new Map(baseline.map((b) => [`${b.project}\u0000${b.case.id}`, b]));
  const comparisons: CaseComparison[] = [];
  for (const measured of current) {
    const base = byKey.get(`${measured.project}\u0000${measured.case.id}`);
    if (!base || base.case.stats.p50 === 0) continue;
    const before = base.case.sampleTimes ?? [];
    const after = measured.case.sampleTimes ?? [];
    const test = mannWhitneyU(before, after);
    const interval = medianRatioInterval(before, after, measured.case.id, {
      confidence: policy.test === 'bootstrap' ? 1 - policy.alpha : 0.95,
    });
    const ratio = measured.case.stats.p50 / base.case.stats.p50;
    comparisons.push({
      id: measured.case.id,
      project: measured.project,
      module: measured.case.module,
      file: measured.file,
      baselineFile: base.file,
      baselineP50: base.case.stats.p50,
      currentP50: measured.case.stats.p50,
      ratio,
      ...(interval ? { interval } : {}),
      ...(test ? { pValue: test.pValue } : {}),
      verdict: verdictOf(ratio, isSignificant(test?.pValue, interval, policy), policy),
    });
  }
  return comparisons.sort((a, b) => a.id.localeCompare(b.id, 'en'));
}
