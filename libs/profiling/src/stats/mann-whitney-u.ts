import { errorFunction } from 'simple-statistics';

/** Result of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample. */
  readonly u: number;
  /** Normal approximation with tie correction; suited to the ≥ 20 samples a benchmark keeps. */
  readonly z: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Two-sided Mann–Whitney U test: do `a` and `b` come from the same distribution?
 * Works on the ranks only, so the outliers that timing samples always carry cannot dominate it.
 * @returns `undefined` when either sample is empty
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
): MannWhitneyResult | undefined {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return undefined;
  const pooled = [
    ...a.map((value) => ({ value, first: true })),
    ...b.map((value) => ({ value, first: false })),
  ];
  pooled.sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length;) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]!.value === pooled[i]!.value) j++;
    const rank = (i + j) / 2 + 1;
    const ties = j - i + 1;
    tieTerm += ties ** 3 - ties;
    for (let k = i; k <= j; k++) if (pooled[k]!.first) rankSumA += rank;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, pValue: 1 };
  // Continuity correction towards the mean.
  const diff = u - mean;
  const z = (diff - Math.sign(diff) * 0.5) / Math.sqrt(variance);
  const pValue = Math.min(1, 1 - errorFunction(Math.abs(z) / Math.SQRT2));
  return { u, z, pValue };
}
