import type { CompareDocument } from '@prismq/profiling';
import type { Analysis } from '../analysis/analysis';
import type { CaseComparison } from '../analysis/baseline-comparison';
import type { Sourced } from '../inputs/report-inputs';
import { formatDuration, formatPercent, formatSignedPercent } from '../markdown/format-value';
import type { Finding } from './finding';

const IMPACT = 'Code that was faster before is now slower; left alone, regressions accumulate.';

function sideText(side: { ref: string; commit: string }, dirty = false): string {
  return `${side.ref} (${side.commit.slice(0, 12)}${dirty ? ', uncommitted changes' : ''})`;
}

/** Every case a paired comparison calls slower → high, with its ratio and interval. */
function pairedFindings({ file, data }: Sourced<CompareDocument>): Finding[] {
  const base = sideText(data.base);
  const head = sideText(data.head, data.head.dirty);
  return data.cases
    .filter((c) => c.verdict === 'slower')
    .map((c): Finding => ({
      rule: 'regression',
      severity: 'high',
      effort: 'low',
      module: c.id.split('/')[0] ?? data.project,
      subject: c.id,
      title: `${c.id} is ${formatSignedPercent(c.ratio - 1)} slower at ${data.head.ref} than at ${data.base.ref} (paired comparison)`,
      evidence: [
        `ratio head/base ${c.ratio.toFixed(3)}, ${formatPercent(data.method.confidence)} interval ${c.low.toFixed(3)} … ${c.high.toFixed(3)} over ${c.rounds} paired rounds (${data.method.name}, threshold ${formatPercent(data.method.threshold)})`,
        `p50 ${formatDuration(c.baseP50)} at ${base} → ${formatDuration(c.headP50)} at ${head}`,
      ],
      files: [file],
      impact: IMPACT,
      recommendation: `Bisect between ${data.base.ref} and ${data.head.ref} with \`prismq-bench compare\` on this case alone, then fix it or accept the cost.`,
    }));
}

/** A baseline delta judged against this machine's A/A noise and found slower → high. */
function baselineFinding(c: CaseComparison): Finding {
  return {
    rule: 'regression',
    severity: 'high',
    effort: 'low',
    module: c.module,
    subject: c.id,
    title: `${c.id} is ${formatSignedPercent(c.ratio - 1)} slower than the baseline`,
    evidence: [
      `p50 ${formatDuration(c.baselineP50)} → ${formatDuration(c.currentP50)} on the baseline's machine`,
      `the smallest change this machine can see in this case is ±${formatPercent(c.smallestChange ?? 0)} (its A/A run-to-run noise, at least the tolerance)`,
    ],
    files: [c.baselineFile, c.file],
    impact: IMPACT,
    recommendation:
      'Confirm with a paired comparison (`prismq-bench compare --base <baseline commit>`), which measures both sides alternately; then bisect, fix or accept and save a new baseline.',
  };
}

/**
 * Regressions: the cases a paired comparison calls slower; for projects without one, the
 * baseline deltas judged slower than the case's run-to-run noise on the same machine.
 */
export function regressionRule(analysis: Analysis): Finding[] {
  return [
    ...analysis.pairedComparisons.flatMap(pairedFindings),
    ...analysis.comparisons.filter((c) => c.verdict === 'slower').map(baselineFinding),
  ];
}
