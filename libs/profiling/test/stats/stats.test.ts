import { describe, expect, it } from 'vitest';
import {
  fitGrowth,
  mannWhitneyU,
  medianRatioInterval,
  seededRandom,
} from '../../src/stats/index.js';

/** `count` samples spread uniformly ±`spread` around `centerNs`, reproducible from `seed`. */
function samplesAround(centerNs: number, count: number, seed: number, spread = 0.04): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => centerNs * (1 + spread * (2 * random() - 1)));
}

describe('fitGrowth', () => {
  const sizes = [10, 100, 1_000, 10_000, 100_000];
  it.each([
    ['constant', () => 500, 0],
    ['linear', (n: number) => 3 * n, 1],
    ['n log n', (n: number) => n * Math.log2(n), 1.17],
    ['quadratic', (n: number) => n * n, 2],
  ] as const)('names %s growth and fits its slope', (name, f, slope) => {
    const fit = fitGrowth(sizes.map((size) => ({ size, timeNs: f(size) })))!;
    expect(fit.complexity).toBe(name);
    expect(fit.slope).toBeCloseTo(slope, 1);
  });

  it('needs three distinct sizes', () => {
    expect(
      fitGrowth([
        { size: 10, timeNs: 1 },
        { size: 100, timeNs: 10 },
      ]),
    ).toBeUndefined();
  });
});

describe('mannWhitneyU', () => {
  it('finds no difference between two draws of the same distribution and a clear one after a 10 % shift', () => {
    const a = samplesAround(1000, 200, 1);
    expect(mannWhitneyU(a, samplesAround(1000, 200, 2))!.pValue).toBeGreaterThan(0.05);
    expect(mannWhitneyU(a, samplesAround(1100, 200, 3))!.pValue).toBeLessThan(1e-6);
  });

  it('handles all-equal samples (every value tied)', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])!.pValue).toBe(1);
  });
});

describe('medianRatioInterval', () => {
  it('brackets the observed ratio near the planted 1.2 and is the same on every call', () => {
    const base = samplesAround(1000, 300, 4);
    const slow = samplesAround(1200, 300, 5);
    const interval = medianRatioInterval(base, slow, 'case/a/b')!;
    expect(interval.low).toBeLessThan(interval.ratio);
    expect(interval.high).toBeGreaterThan(interval.ratio);
    expect(interval.low).toBeGreaterThan(1.15);
    expect(interval.high).toBeLessThan(1.25);
    expect(medianRatioInterval(base, slow, 'case/a/b')).toEqual(interval);
  });
});
