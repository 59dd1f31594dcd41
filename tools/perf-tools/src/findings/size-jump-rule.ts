import type { Analysis } from '../analysis/analysis';
import { formatDuration, formatNumber } from '../markdown/format-value';
import type { Finding } from './finding';

/** A larger variant may cost this much more than its size ratio before it is a finding. */
export const SIZE_JUMP_ALLOWANCE = 1.5;

/**
 * Declared larger variants whose time ratio exceeds their input-size ratio by more than 1.5×
 * → medium.
 */
export function sizeJumpRule(analysis: Analysis): Finding[] {
  const byId = new Map(analysis.cases.map((c) => [c.case.id, c]));
  return analysis.variants.flatMap((variant) => {
    const large = byId.get(variant.case);
    const small = byId.get(variant.of);
    if (!large || !small || small.case.stats.p50 === 0) return [];
    const sizeRatio =
      variant.sizeRatio ??
      (large.case.inputSize && small.case.inputSize
        ? large.case.inputSize / small.case.inputSize
        : undefined);
    if (sizeRatio === undefined) return [];
    const timeRatio = large.case.stats.p50 / small.case.stats.p50;
    const excess = timeRatio / sizeRatio;
    if (excess <= SIZE_JUMP_ALLOWANCE) return [];
    return [
      {
        rule: 'size-jump',
        severity: 'medium',
        effort: 'medium',
        module: large.case.module,
        subject: variant.case,
        title: `${variant.case} costs ${formatNumber(excess)}× more than its input size explains`,
        evidence: [
          `${variant.of}: p50 ${formatDuration(small.case.stats.p50)}; ${variant.case}: p50 ${formatDuration(large.case.stats.p50)}`,
          `time ratio ${formatNumber(timeRatio)}× for an input-size ratio of ${formatNumber(sizeRatio)}×`,
        ],
        files: [...new Set([small.file, large.file])],
        impact:
          'Larger inputs of this kind take disproportionately long; real long documents will be slow.',
        recommendation: `Compare CPU profiles of ${variant.of} and ${variant.case}; the functions whose share grows with the input are the ones to fix.`,
      } satisfies Finding,
    ];
  });
}
