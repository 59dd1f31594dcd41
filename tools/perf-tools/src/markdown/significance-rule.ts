import type { ComparisonPolicy } from '../analysis/baseline-comparison';

/** The significance condition of a policy, in words, for the reports. */
export function significanceRule(policy: ComparisonPolicy): string {
  return policy.test === 'bootstrap'
    ? `the ${Math.round((1 - policy.alpha) * 1000) / 10} % bootstrap interval of the ratio of medians excludes 1`
    : `a two-sided Mann–Whitney U test on the raw samples gives p < ${policy.alpha}`;
}
