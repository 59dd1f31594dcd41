import type { CompareCase } from '@prismq/profiling';

/**
 * Run-to-run noise of one case, from an A/A comparison (the same commit against itself), as a
 * fraction (0.04 = ±4 %): the larger of how far the interval of its ratio reaches from 1 and how
 * far two unpaired runs can differ (`roundSpread`). The interval alone is the noise of a *paired*
 * measurement, which cancels the machine's drift; each round is a fresh process, so the spread
 * of the rounds' medians is what two *unpaired* runs — a baseline and a later run — can differ
 * by on this machine with no change to the code.
 */
export function runToRunNoise(aa: CompareCase): number {
  return Math.max(aa.high - 1, 1 - aa.low, aa.roundSpread ?? 0, 0);
}
