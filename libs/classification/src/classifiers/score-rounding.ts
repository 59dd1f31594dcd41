/**
 * Rounds a score to 6 decimals. Sums of weights such as 3 × 1.5 + 2 × 1.2 pick up binary
 * noise (5.3999999…); rounding keeps JSON output readable and threshold comparisons exact.
 */
export function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
