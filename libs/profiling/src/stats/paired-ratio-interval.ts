import { signedRankInterval } from './signed-rank-interval.js';

/** Ratio head / base estimated from paired rounds, with its confidence interval. */
export interface PairedRatioInterval {
  /** Estimated head / base ratio. */
  readonly ratio: number;
  /** Lower end of its interval. */
  readonly low: number;
  /** Upper end of its interval. */
  readonly high: number;
  /** Confidence reached (see {@link signedRankInterval}). */
  readonly confidence: number;
  /** Pairs the estimate comes from. */
  readonly pairs: number;
}

/**
 * Paired comparison of two timings measured side by side: `base[i]` and `head[i]` come from the
 * same round, so whatever slowed the machine in that round slowed both and cancels in
 * `log(head[i] / base[i])`. The ratio is exp of the Hodges–Lehmann estimate of those log-ratios,
 * the interval exp of their Wilcoxon signed-rank interval: a ratio and its inverse get mirrored
 * intervals, and neither side is favoured.
 * @returns `undefined` when the lengths differ, there is no pair, or a time is not positive
 */
export function pairedRatioInterval(
  base: readonly number[],
  head: readonly number[],
  confidence = 0.95,
): PairedRatioInterval | undefined {
  if (base.length !== head.length || base.length === 0) return undefined;
  if ([...base, ...head].some((time) => !(time > 0) || !Number.isFinite(time))) return undefined;
  return pairedLogRatioInterval(
    base.map((time, i) => Math.log(head[i]! / time)),
    confidence,
  );
}

/**
 * {@link pairedRatioInterval} for rounds already reduced to one log-ratio each
 * (`log(head / base)`), e.g. the median of several alternations within one process.
 * @returns `undefined` for no value or a non-finite one
 */
export function pairedLogRatioInterval(
  logRatios: readonly number[],
  confidence = 0.95,
): PairedRatioInterval | undefined {
  const interval = signedRankInterval(logRatios, confidence);
  if (!interval) return undefined;
  return {
    ratio: Math.exp(interval.estimate),
    low: Math.exp(interval.low),
    high: Math.exp(interval.high),
    confidence: interval.confidence,
    pairs: interval.n,
  };
}
