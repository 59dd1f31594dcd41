import type { Analysis } from '../analysis/analysis';
import { formatDuration, formatNumber } from '../markdown/format-value';
import type { Finding } from './finding';

/** Log–log slope above which growth counts as faster than linear. */
export const SUPER_LINEAR_SLOPE = 1.15;

/** Sweeps whose fitted log–log slope exceeds 1.15 → high. */
export function superLinearGrowthRule(analysis: Analysis): Finding[] {
  return analysis.sweeps.flatMap((sweep) => {
    const fit = sweep.fit;
    if (!fit || fit.slope <= SUPER_LINEAR_SLOPE) return [];
    const first = sweep.points[0]!;
    const last = sweep.points[sweep.points.length - 1]!;
    return [
      {
        rule: 'super-linear-growth',
        severity: 'high',
        effort: 'high',
        module: sweep.module,
        subject: sweep.id,
        title: `${sweep.id} grows faster than linear (slope ${fit.slope.toFixed(2)}, ${fit.complexity})`,
        evidence: [
          `log–log slope ${fit.slope.toFixed(3)} (R² ${fit.rSquared.toFixed(3)}) over ${sweep.points.length} sizes`,
          `best-matching class: ${fit.complexity}`,
          `size ${formatNumber(first.size)} → ${formatDuration(first.timeNs)}; size ${formatNumber(last.size)} → ${formatDuration(last.timeNs)}`,
        ],
        files: [sweep.file],
        impact: `Each 10× larger input costs about ${formatNumber(10 ** fit.slope)}× the time; large inputs will dominate run time.`,
        recommendation:
          'Look for work repeated per element (nested scans, repeated string concatenation, array copies, regexes re-run over the whole input) and replace it with a single pass or an index.',
      } satisfies Finding,
    ];
  });
}
