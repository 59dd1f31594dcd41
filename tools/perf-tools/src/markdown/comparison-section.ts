import type { CompareDocument } from '@prismq/profiling';
import type { BaselineJudgement, CaseComparison } from '../analysis/baseline-comparison';
import { baselineDeltaChartPath, chartTitles, compareChartPath } from '../charts/report-charts';
import type { Sourced } from '../inputs/report-inputs';
import type { ReportContext } from '../report/report-context';
import { formatDuration, formatPercent, formatSignedPercent } from './format-value';
import { markdownTable } from './markdown-table';

function side(s: { ref: string; commit: string }, dirty = false): string {
  return `\`${s.ref}\` (\`${s.commit.slice(0, 12)}\`${dirty ? ', uncommitted changes' : ''})`;
}

function pairedBlock({ file, data }: Sourced<CompareDocument>): string[] {
  return [
    `Paired comparison \`${file}\` (${data.createdAt}): base ${side(data.base)} against head ${side(data.head, data.head.dirty)}, measured alternately on one machine (${data.method.name}; changes under ${formatPercent(data.method.threshold)} are never reported; ${formatPercent(data.method.confidence)} intervals). Its verdicts are the regression findings of this project; the baseline deltas are not shown.`,
    '',
    markdownTable(
      ['case', 'base p50', 'head p50', 'ratio head/base', 'interval', 'rounds', 'verdict'],
      data.cases.map((c) => [
        `\`${c.id}\``,
        formatDuration(c.baseP50),
        formatDuration(c.headP50),
        c.ratio.toFixed(3),
        `${c.low.toFixed(3)} … ${c.high.toFixed(3)}`,
        String(c.rounds),
        c.verdict,
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    `![${chartTitles.compare(data.project)}](${compareChartPath(data.project)})`,
    '',
  ];
}

function verdictText(c: CaseComparison): string {
  return c.reason ? `${c.verdict} (${c.reason})` : c.verdict;
}

function baselineBlock(judgement: BaselineJudgement, rows: readonly CaseComparison[]): string[] {
  const intro = judgement.judged
    ? `Baseline \`${judgement.baselineFile}\`, measured on this machine (same fingerprint). A change counts when it is larger than the smallest change this machine can see in the case: its run-to-run noise in \`${judgement.noiseFile}\` (how far the interval of its A/A ratio reaches from 1), and at least the tolerance.`
    : `Baseline \`${judgement.baselineFile}\`. **Not judged:** ${judgement.reason}.`;
  if (rows.length === 0) return [intro, '', 'No case of the current run is in the baseline.', ''];
  return [
    intro,
    '',
    markdownTable(
      [
        'case',
        'baseline p50',
        'current p50',
        'change',
        'smallest change this machine can see',
        'verdict',
      ],
      rows.map((c) => [
        `\`${c.id}\``,
        formatDuration(c.baselineP50),
        formatDuration(c.currentP50),
        formatSignedPercent(c.ratio - 1),
        c.smallestChange === undefined ? '—' : `±${formatPercent(c.smallestChange)}`,
        verdictText(c),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    `![${chartTitles.baselineDelta(judgement.project)}](${baselineDeltaChartPath(judgement.project)})`,
    '',
  ];
}

/**
 * The "Against the baseline" section: per project, the paired comparison when there is one,
 * else the deltas against the committed baseline, judged only on the baseline's machine and
 * against the case's measured run-to-run noise.
 */
export function comparisonSection(ctx: ReportContext): string[] {
  const { baselineJudgements, comparisons, pairedComparisons, policy } = ctx.analysis;
  const lines = ['## Against the baseline', ''];
  const projects = [
    ...new Set([
      ...pairedComparisons.map((p) => p.data.project),
      ...baselineJudgements.map((j) => j.project),
    ]),
  ].sort((a, b) => a.localeCompare(b, 'en'));
  if (projects.length === 0) {
    return [
      ...lines,
      `No baseline in \`${ctx.reportsDir}/baseline/\` matches these runs and no paired comparison is in \`${ctx.reportsDir}/compare/\`. Save a baseline with \`npx nx g @prismq/perf-tools:report --saveBaseline\`, or compare two commits with \`prismq-bench compare --base <ref> --project <project>\`.`,
      '',
    ];
  }
  lines.push(
    `Verdicts come from a paired comparison (\`${ctx.reportsDir}/compare/<project>.json\`, written by \`prismq-bench compare\`) where there is one. Otherwise a delta against the baseline is judged only when the baseline was measured on this machine (CPU model and count, OS, platform, arch, Node and V8 versions, GPU models) and an A/A measurement (\`${ctx.reportsDir}/compare/<project>.aa.json\`) gives the case's run-to-run noise; it counts when it is larger than that noise and than the tolerance of ${formatPercent(policy.tolerance)}. The spread of one run's samples says nothing about how far a second run drifts, so it is not used.`,
    '',
  );
  for (const project of projects) {
    lines.push(`### ${project}`, '');
    const paired = pairedComparisons.find((p) => p.data.project === project);
    const judgement = baselineJudgements.find((j) => j.project === project);
    if (paired) lines.push(...pairedBlock(paired));
    else if (judgement)
      lines.push(
        ...baselineBlock(
          judgement,
          comparisons.filter((c) => c.project === project),
        ),
      );
  }
  return lines;
}
