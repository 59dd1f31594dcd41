/** Hodges–Lehmann estimate of a location shift and its Wilcoxon signed-rank interval. */
export interface SignedRankInterval {
  /** Median of the Walsh averages: the Hodges–Lehmann estimate of the centre. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly low: number;
  /** Upper end of the interval. */
  readonly high: number;
  /**
   * Confidence actually reached. The signed-rank distribution is discrete, so this is the
   * smallest achievable level at or above the one asked for (below it only when `n` is too small
   * to reach it at all: fewer than 6 values for 95 %).
   */
  readonly confidence: number;
  /** Number of values. */
  readonly n: number;
}

/**
 * P(T+ ≤ t) for t = 0 … n(n+1)/2 under the null hypothesis: each rank 1 … n enters the sum with
 * probability ½. Counted exactly (a subset-sum table), so it holds for small n where the normal
 * approximation is poor — a comparison often has only 6–20 rounds.
 */
function signedRankCdf(n: number): Float64Array {
  const maxSum = (n * (n + 1)) / 2;
  // Counts divided by 2 at every step keep the numbers in range for any n.
  let counts = new Float64Array(maxSum + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const next = new Float64Array(maxSum + 1);
    for (let sum = 0; sum <= maxSum; sum++) {
      const c = counts[sum]!;
      if (c === 0) continue;
      next[sum] = next[sum]! + c / 2;
      if (sum + rank <= maxSum) next[sum + rank] = next[sum + rank]! + c / 2;
    }
    counts = next;
  }
  const cdf = new Float64Array(maxSum + 1);
  let running = 0;
  for (let sum = 0; sum <= maxSum; sum++) {
    running += counts[sum]!;
    cdf[sum] = running;
  }
  return cdf;
}

function walshAverages(values: readonly number[]): Float64Array {
  const n = values.length;
  const averages = new Float64Array((n * (n + 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) averages[k++] = (values[i]! + values[j]!) / 2;
  return averages.sort();
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
}

/**
 * Distribution-free confidence interval for the centre of a symmetric distribution, from the
 * Wilcoxon signed-rank test (the interval is the set of shifts the two-sided test would not
 * reject): order statistics k and N+1−k of the N = n(n+1)/2 Walsh averages. It needs no normality
 * and a single wild value moves it little, which is what timing ratios need.
 * @param values - independent observations, e.g. one paired log-ratio per round
 * @param confidence - wanted two-sided level (default 0.95)
 * @returns `undefined` for an empty sample or a non-finite value
 */
export function signedRankInterval(
  values: readonly number[],
  confidence = 0.95,
): SignedRankInterval | undefined {
  const n = values.length;
  if (n === 0 || values.some((value) => !Number.isFinite(value))) return undefined;
  const averages = walshAverages(values);
  const cdf = signedRankCdf(n);
  const tail = (1 - confidence) / 2;
  // The largest k with P(T+ ≤ k−1) ≤ tail; at least 1 (the whole range) when n is too small.
  let k = 1;
  while (k < cdf.length && cdf[k]! <= tail) k++;
  const reached = 1 - 2 * cdf[k - 1]!;
  return {
    estimate: medianOfSorted(averages),
    low: averages[k - 1]!,
    high: averages[averages.length - k]!,
    confidence: reached,
    n,
  };
}
