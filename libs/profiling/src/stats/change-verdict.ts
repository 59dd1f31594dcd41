/** What a comparison concludes about one case. */
export type ChangeVerdict = 'slower' | 'faster' | 'unchanged';

/**
 * Reads an interval of head / base against a practical threshold: `slower` only when the whole
 * interval lies above 1 + threshold, `faster` only when it lies below 1 / (1 + threshold) (the
 * same distance on a log scale), `unchanged` otherwise — including an interval that reaches
 * across the threshold, which says the change may be real but cannot be shown to matter.
 * @param threshold - smallest change worth reporting, as a fraction (0.02 = 2 %)
 */
export function changeVerdict(
  interval: { readonly low: number; readonly high: number },
  threshold: number,
): ChangeVerdict {
  if (interval.low > 1 + threshold) return 'slower';
  if (interval.high < 1 / (1 + threshold)) return 'faster';
  return 'unchanged';
}
