/**
 * Statistics shared by the benchmark comparison and the report generator:
 * `@prismq/profiling/stats`. Pure functions over plain number arrays; no I/O.
 * @packageDocumentation
 */
export { fitGrowth, type GrowthFit, type SweepPoint, type ComplexityClass } from './growth-fit.js';
export { mannWhitneyU, type MannWhitneyResult } from './mann-whitney-u.js';
export { medianRatioInterval, type RatioInterval } from './median-ratio-interval.js';
export { seededRandom, hashSeed, type RandomSource } from './seeded-random.js';
export { signedRankInterval, type SignedRankInterval } from './signed-rank-interval.js';
export {
  pairedRatioInterval,
  pairedLogRatioInterval,
  type PairedRatioInterval,
} from './paired-ratio-interval.js';
export { changeVerdict, type ChangeVerdict } from './change-verdict.js';
export { median } from './median.js';
