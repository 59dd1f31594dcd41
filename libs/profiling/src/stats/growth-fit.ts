import { linearRegression, rSquared } from 'simple-statistics';

/** Growth classes a sweep is matched against, slowest first. */
export type ComplexityClass = 'constant' | 'log n' | 'linear' | 'n log n' | 'quadratic' | 'cubic';

/** A point of a size sweep: input size and time per operation (ns). */
export interface SweepPoint {
  /** Input size. */
  readonly size: number;
  /** Time per operation at that size, ns. */
  readonly timeNs: number;
}

/** Growth fitted over a sweep. */
export interface GrowthFit {
  /** Slope of log(time) against log(size): 1 is linear, 2 quadratic. */
  readonly slope: number;
  /** Intercept of the same fit, in natural log of ns. */
  readonly intercept: number;
  /** Goodness of the log–log fit. */
  readonly rSquared: number;
  /** The class whose shape best matches the points. */
  readonly complexity: ComplexityClass;
}

const SHAPES: readonly { readonly name: ComplexityClass; readonly f: (n: number) => number }[] = [
  { name: 'constant', f: () => 1 },
  { name: 'log n', f: (n) => Math.log2(Math.max(n, 2)) },
  { name: 'linear', f: (n) => n },
  { name: 'n log n', f: (n) => n * Math.log2(Math.max(n, 2)) },
  { name: 'quadratic', f: (n) => n * n },
  { name: 'cubic', f: (n) => n ** 3 },
];

function classify(points: readonly SweepPoint[]): ComplexityClass {
  // For t = c·f(n), log t − log f(n) is constant: the class with the least spread of that
  // difference fits best. Fixed overheads at small sizes favour the slower-growing class.
  let best: ComplexityClass = 'constant';
  let bestSpread = Number.POSITIVE_INFINITY;
  for (const shape of SHAPES) {
    const residuals = points.map((p) => Math.log(p.timeNs) - Math.log(shape.f(p.size)));
    const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    const spread = residuals.reduce((s, r) => s + (r - mean) ** 2, 0);
    if (spread < bestSpread - 1e-12) {
      best = shape.name;
      bestSpread = spread;
    }
  }
  return best;
}

/**
 * Fits log(time) against log(size) over a sweep and names the closest complexity class.
 * @returns `undefined` with fewer than 3 distinct positive sizes, which cannot show a trend
 */
export function fitGrowth(points: readonly SweepPoint[]): GrowthFit | undefined {
  const usable = points.filter((p) => p.size > 0 && p.timeNs > 0);
  if (new Set(usable.map((p) => p.size)).size < 3) return undefined;
  const logPoints = usable.map((p) => [Math.log(p.size), Math.log(p.timeNs)]);
  const line = linearRegression(logPoints);
  const fitted = (x: number): number => line.m * x + line.b;
  return {
    slope: line.m,
    intercept: line.b,
    rSquared: rSquared(logPoints, fitted),
    complexity: classify(usable),
  };
}
