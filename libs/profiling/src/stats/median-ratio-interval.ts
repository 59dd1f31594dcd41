import { hashSeed, seededRandom, type RandomSource } from './seeded-random.js';

/** Bootstrap confidence interval of `median(current) / median(baseline)`. */
export interface RatioInterval {
  /** median(current) / median(baseline). */
  readonly ratio: number;
  /** Lower end of the interval. */
  readonly low: number;
  /** Upper end of the interval. */
  readonly high: number;
  /** Confidence level of the interval, e.g. 0.95. */
  readonly confidence: number;
}

function select(values: Float64Array, k: number): number {
  // Quickselect: a bootstrap needs thousands of medians, and sorting each resample is wasteful.
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

function median(values: Float64Array): number {
  const n = values.length;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  return (select(values, (n >> 1) - 1) + upper) / 2;
}

function resampleMedian(
  source: readonly number[],
  scratch: Float64Array,
  random: RandomSource,
): number {
  for (let i = 0; i < scratch.length; i++)
    scratch[i] = source[Math.floor(random() * source.length)]!;
  return median(scratch);
}

/**
 * Percentile bootstrap of the ratio of medians. The generator is seeded from `seedKey`, so
 * the same samples always give the same interval.
 * @returns `undefined` when either sample is empty or the baseline median is 0
 */
export function medianRatioInterval(
  baseline: readonly number[],
  current: readonly number[],
  seedKey: string,
  options: { resamples?: number; confidence?: number } = {},
): RatioInterval | undefined {
  if (baseline.length === 0 || current.length === 0) return undefined;
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const base = median(Float64Array.from(baseline));
  if (base === 0) return undefined;
  const ratio = median(Float64Array.from(current)) / base;
  const random = seededRandom(hashSeed(seedKey));
  const baseScratch = new Float64Array(baseline.length);
  const currentScratch = new Float64Array(current.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const b = resampleMedian(baseline, baseScratch, random);
    const c = resampleMedian(current, currentScratch, random);
    ratios[r] = b === 0 ? Number.POSITIVE_INFINITY : c / b;
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  const low = ratios[Math.floor(tail * (resamples - 1))]!;
  const high = ratios[Math.ceil((1 - tail) * (resamples - 1))]!;
  return { ratio, low, high, confidence };
}
