import type { Analysis } from '../analysis/analysis';
import { formatPercent } from '../markdown/format-value';
import type { Finding } from './finding';

/** Coefficient of variation above which a measurement is too noisy to trust. */
export const UNSTABLE_CV = 0.1;

/**
 * Cases whose CV exceeds 10 % → low, flagged as a measurement problem. One finding per module
 * and run file lists all its noisy cases: the fix (quieter machine, setup out of the measured
 * function) is the same for all of them, and twenty copies of it would bury the real findings.
 */
export function unstableMeasurementRule(analysis: Analysis): Finding[] {
  const noisy = analysis.cases.filter((c) => c.case.stats.cv > UNSTABLE_CV);
  const groups = new Map<string, typeof noisy>();
  for (const measured of noisy) {
    const key = `${measured.case.module}\u0000${measured.file}`;
    groups.set(key, [...(groups.get(key) ?? []), measured]);
  }
  return [...groups.values()].map((cases) => {
    const first = cases[0]!;
    const ids = cases.map((c) => c.case.id);
    const subject =
      cases.length === 1 ? first.case.id : `${first.case.module} (${cases.length} cases)`;
    return {
      rule: 'unstable-measurement',
      severity: 'low',
      effort: 'low',
      module: first.case.module,
      subject,
      title: `${subject}: CV above ${formatPercent(UNSTABLE_CV)}, a measurement problem rather than a code problem`,
      evidence: cases.map(
        (c) =>
          `\`${c.case.id}\`: CV ${formatPercent(c.case.stats.cv)} over ${c.case.stats.samples} samples`,
      ),
      files: [first.file],
      impact: `Comparisons of ${ids.length === 1 ? 'this case' : 'these cases'} are unreliable: real regressions can hide in the noise.`,
      recommendation:
        'Move allocation and setup out of the measured function, run on an idle machine, or raise the sample count; check whether GC pauses (max far above p99) cause the spread.',
    } satisfies Finding;
  });
}
