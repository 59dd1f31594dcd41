import type { Analysis } from '../analysis/analysis';
import { formatDuration, formatPercent, formatSignedPercent } from '../markdown/format-value';
import { significanceRule } from '../markdown/significance-rule';
import type { Finding } from './finding';

/** Cases slower than the baseline beyond the noise threshold and with a significant test → high. */
export function regressionRule(analysis: Analysis): Finding[] {
  return analysis.comparisons
    .filter((c) => c.verdict === 'slower')
    .map((c) => {
      const interval = c.interval
        ? ` (${Math.round(c.interval.confidence * 100)} % CI ${formatSignedPercent(c.interval.low - 1)} … ${formatSignedPercent(c.interval.high - 1)})`
        : '';
      return {
        rule: 'regression',
        severity: 'high',
        effort: 'low',
        module: c.module,
        subject: c.id,
        title: `${c.id} is ${formatSignedPercent(c.ratio - 1)} slower than the baseline`,
        evidence: [
          `p50 ${formatDuration(c.baselineP50)} → ${formatDuration(c.currentP50)}${interval}`,
          `Mann–Whitney U p = ${c.pValue === undefined ? 'n/a' : c.pValue.toPrecision(2)}; significant because ${significanceRule(analysis.policy)}; noise threshold ${formatPercent(analysis.policy.tolerance)}`,
        ],
        files: [c.baselineFile, c.file],
        impact: 'Code that was faster before is now slower; left alone, regressions accumulate.',
        recommendation:
          'Bisect the commits since the baseline with this case alone (`bench` with a filter), then fix or accept and save a new baseline.',
      } satisfies Finding;
    });
}
