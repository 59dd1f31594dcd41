/** A base-10 logarithmic axis mapping values onto a pixel range. */
export interface LogScale {
  readonly min: number;
  readonly max: number;
  /** Pixel position of a value. */
  readonly at: (value: number) => number;
  /** Powers of ten inside [min, max]. */
  readonly ticks: readonly number[];
}

/** Builds a log scale over whole decades enclosing the given positive values. */
export function logScale(values: readonly number[], from: number, to: number): LogScale {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const low = positive.length > 0 ? Math.min(...positive) : 1;
  const high = positive.length > 0 ? Math.max(...positive) : 10;
  const minExp = Math.floor(Math.log10(low));
  let maxExp = Math.ceil(Math.log10(high));
  if (maxExp === minExp) maxExp += 1;
  const min = 10 ** minExp;
  const max = 10 ** maxExp;
  const span = maxExp - minExp;
  const ticks: number[] = [];
  for (let e = minExp; e <= maxExp; e++) ticks.push(10 ** e);
  return {
    min,
    max,
    ticks,
    at: (value) => from + ((Math.log10(Math.max(value, min)) - minExp) / span) * (to - from),
  };
}
