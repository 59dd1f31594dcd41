import type { RelativeBenchTarget } from '../targets/targets-file-schema';
import { benchMetric } from './bench-metric';
import type { MeasuredCase } from './measured-case';
import { judge, unjudged, type TargetResult } from './target-result';

/**
 * Checks a relative target: the case's metric divided by the same metric of the reference
 * case, both from the same run document (a ratio across runs would move with the machine
 * again), against `ratio`.
 */
export function evaluateRelative(
  target: RelativeBenchTarget,
  cases: readonly MeasuredCase[],
): TargetResult {
  const measured = cases.find((c) => c.case.id === target.case);
  if (!measured)
    return unjudged(
      target,
      target.case,
      'not measured',
      `no case "${target.case}" in the benchmark runs`,
    );
  const reference = cases.find((c) => c.case.id === target.relativeTo && c.file === measured.file);
  if (!reference) {
    const elsewhere = cases.find((c) => c.case.id === target.relativeTo);
    return unjudged(
      target,
      target.case,
      'not evaluated',
      elsewhere
        ? `reference case "${target.relativeTo}" is in another run (${elsewhere.file}); a ratio is only taken within one run`
        : `reference case "${target.relativeTo}" is not in the run ${measured.file}`,
      measured.file,
    );
  }
  const value = benchMetric(measured, target);
  const base = benchMetric(reference, target);
  if (typeof value === 'string')
    return unjudged(target, target.case, 'not measured', value, measured.file);
  if (typeof base === 'string')
    return unjudged(target, target.case, 'not evaluated', `reference: ${base}`, measured.file);
  if (base <= 0)
    return unjudged(
      target,
      target.case,
      'not evaluated',
      `reference case "${target.relativeTo}" measured ${target.metric} = 0`,
      measured.file,
    );
  return judge(target, target.case, value / base, target.ratio, measured.file);
}
