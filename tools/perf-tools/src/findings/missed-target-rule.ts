import type { Analysis } from '../analysis/analysis';
import { formatNumber } from '../markdown/format-value';
import { formatBound, formatMeasured } from '../markdown/target-bound';
import { isRelativeTarget } from '../targets/targets-file-schema';
import type { Finding } from './finding';

/** Missed by more than this factor, a target miss is critical. */
export const CRITICAL_MISS_FACTOR = 2;

/** A target missed: critical beyond 2×, else high. Memory targets are left to the memory rule. */
export function missedTargetRule(analysis: Analysis): Finding[] {
  return analysis.targetResults
    .filter((r) => r.status === 'missed' && 'source' in r.target)
    .map((r) => {
      const factor = 1 / (r.margin ?? 1);
      const t = r.target;
      const critical = factor > CRITICAL_MISS_FACTOR;
      return {
        rule: 'missed-target',
        severity: critical ? 'critical' : 'high',
        effort: critical ? 'high' : 'medium',
        module: t.module,
        subject: r.subject,
        title: `${t.description}: target ${formatBound(t)} missed by ${formatNumber(factor)}×`,
        evidence: [
          `target ${t.id}: ${t.metric} ${formatBound(t)}`,
          `measured ${t.metric} of ${r.subject}: ${formatMeasured(r)}${isRelativeTarget(t) ? ` the ${t.metric} of ${t.relativeTo} in the same run` : ''}`,
        ],
        files: r.file ? [r.file] : [],
        impact: `${t.description} is ${formatNumber(factor)}× off its target, so the feature does not meet its promise.`,
        recommendation: critical
          ? `Profile ${r.subject} (CPU profile of its scenario) and redesign the hot path; a > 2× gap is rarely closed by tuning.`
          : `Profile ${r.subject} and remove the top self-time functions; the gap is small enough for targeted tuning.`,
      } satisfies Finding;
    });
}
