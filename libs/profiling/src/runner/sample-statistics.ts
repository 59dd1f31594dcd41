/** Population standard deviation of `values` around `mean` (0 for fewer than two values). */
export function standardDeviation(values: readonly number[], mean: number): number {
  if (values.length < 2) return 0;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return Math.sqrt(sum / values.length);
}

/**
 * At most `limit` values picked at a fixed stride, always keeping the first and the last, so
 * that two runs over the same samples keep the same ones and a sorted input stays sorted.
 */
export function thinSamples(values: readonly number[], limit: number): number[] {
  if (values.length <= limit) return [...values];
  if (limit <= 1) return values.slice(0, limit);
  const step = (values.length - 1) / (limit - 1);
  const kept: number[] = [];
  for (let i = 0; i < limit; i++) kept.push(values[Math.round(i * step)] as number);
  return kept;
}
