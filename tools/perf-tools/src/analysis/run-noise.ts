import type { CompareCase } from '@prismq/profiling';

/**
 * Run-to-run noise of one case, from an A/A comparison (the same commit against itself): how
 * far the interval of its ratio reaches from 1 on either side, as a fraction (0.04 = ±4 %).
 * Any change of that size between two runs of this machine can be the machine alone.
 */
export function runToRunNoise(aa: CompareCase): number {
  return Math.max(aa.high - 1, 1 - aa.low, 0);
}
