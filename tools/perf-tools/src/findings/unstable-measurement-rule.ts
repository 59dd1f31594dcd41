import type { Analysis } from '../analysis/analysis';
import { formatPercent } from '../markdown/format-value';
import type { Finding } from './finding';

/** Coefficient of variation above which a measurement is too noisy to trust. */
export const UNSTABLE_CV = 0.1;

/** Cases whose CV exceeds 10 % → low, flagged as a measurement problem. */
export function unstableMeasurementRule(analysis: Analysis): Finding[] {
  return analysis.cases
    .filter((c) => c.case.stats.cv > UNSTABLE_CV)
    .map((c) => ({
      rule: 'unstable-measurement',
      severity: 'low',
      effort: 'low',
      module: c.case.module,
      subject: c.case.id,
      title: `${c.case.id} is noisy (CV ${formatPercent(c.case.stats.cv)}): a measurement problem, not a code problem`,
      evidence: [
        `CV ${formatPercent(c.case.stats.cv)} over ${c.case.stats.samples} samples (limit ${formatPercent(UNSTABLE_CV)})`,
      ],
      files: [c.file],
      impact: 'Comparisons of this case are unreliable: real regressions can hide in the noise.',
      recommendation:
        'Move allocation and setup out of the measured function, run on an idle machine, or raise the sample count.',
    }));
}
