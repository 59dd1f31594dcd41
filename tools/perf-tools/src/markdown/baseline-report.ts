import { barCases, chartTitles, moduleChartPath, scalingChartPath } from '../charts/report-charts';
import type { ReportContext } from '../report/report-context';
import { comparisonSection } from './comparison-section';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSignedPercent,
} from './format-value';
import { markdownTable } from './markdown-table';
import { profilesSection } from './profiles-section';
import { headerLines, warningsSection } from './report-header';
import { targetsSection } from './targets-section';

const by =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b), 'en');

function targetCounts(ctx: ReportContext): string {
  const results = ctx.analysis.targetResults;
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const notEvaluated = count('not evaluated');
  return `${count('met')} met, ${count('missed')} missed, ${count('not measured')} not measured${notEvaluated > 0 ? `, ${notEvaluated} not evaluated` : ''} (of ${results.length})`;
}

function pairedSummary(ctx: ReportContext): string[] {
  return ctx.analysis.pairedComparisons.map(({ data }) => {
    const count = (verdict: string) => data.cases.filter((c) => c.verdict === verdict).length;
    return `- **Paired comparison ${data.project}:** \`${data.base.ref}\` → \`${data.head.ref}\`: ${count('slower')} slower, ${count('faster')} faster, ${count('unchanged')} unchanged of ${data.cases.length} cases.`;
  });
}

function baselineSummary(ctx: ReportContext): string[] {
  const { analysis } = ctx;
  const unjudged = analysis.baselineJudgements
    .filter(
      (j) => !j.judged && !analysis.pairedComparisons.some((p) => p.data.project === j.project),
    )
    .map((j) => j.project);
  const judged = analysis.comparisons.filter((c) => c.verdict !== 'not judged');
  const changed = judged
    .filter((c) => c.verdict === 'faster' || c.verdict === 'slower')
    .sort(
      (a, b) =>
        Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)) || a.id.localeCompare(b.id, 'en'),
    )
    .slice(0, 5);
  const lines: string[] = [];
  if (analysis.baselineJudgements.length === 0 && analysis.pairedComparisons.length === 0)
    lines.push('- **Against the baseline:** no baseline to compare with.');
  if (unjudged.length > 0)
    lines.push(
      `- **Against the baseline:** deltas of ${unjudged.join(', ')} shown, not judged (reasons under "Against the baseline").`,
    );
  if (changed.length > 0)
    lines.push(
      `- **Biggest changes against the baseline:** ${changed.map((c) => `\`${c.id}\` ${formatSignedPercent(c.ratio - 1)} (${c.verdict})`).join(', ')}.`,
    );
  else if (judged.length > 0)
    lines.push(
      `- **Against the baseline:** no change beyond this machine's noise in ${judged.length} judged cases.`,
    );
  return lines;
}

function summary(ctx: ReportContext): string[] {
  const { analysis, findings } = ctx;
  const modules = new Set(analysis.cases.map((c) => c.case.module));
  const lines = [
    '## Executive summary',
    '',
    `- **${analysis.cases.length} cases** measured in ${modules.size} module${modules.size === 1 ? '' : 's'} (${ctx.inputs.runs.length} benchmark run${ctx.inputs.runs.length === 1 ? '' : 's'}), ${analysis.sweeps.length} size sweeps.`,
    `- **Targets:** ${targetCounts(ctx)}.`,
    `- **Bottlenecks:** ${findings.length} findings (${['critical', 'high', 'medium', 'low'].map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ')}); see [BOTTLENECK_IDENTIFICATION.md](BOTTLENECK_IDENTIFICATION.md).`,
    ...pairedSummary(ctx),
    ...baselineSummary(ctx),
  ];
  if (ctx.inputs.warnings.length > 0)
    lines.push(`- **Input warnings:** ${ctx.inputs.warnings.length} (listed below).`);
  return [...lines, ''];
}

function moduleSections(ctx: ReportContext): string[] {
  const lines = ['## Results per module', ''];
  const modules = [...new Set(ctx.analysis.cases.map((c) => c.case.module))].sort();
  for (const module of modules) {
    const cases = ctx.analysis.cases.filter((c) => c.case.module === module);
    lines.push(`### ${module}`, '');
    const sources = [...new Set(cases.map((c) => c.file))].sort();
    lines.push(
      `Source: ${sources.map((f) => `\`${f}\``).join(', ')}. Times are per operation.`,
      '',
    );
    const groups = [...new Set(cases.map((c) => c.case.group))].sort();
    for (const group of groups) {
      const rows = cases.filter((c) => c.case.group === group);
      const withHeap = rows.some((c) => c.case.heapBytesPerOp !== undefined);
      const headers = [
        'case',
        'min',
        'p50',
        'mean',
        'p99',
        'max',
        'CV',
        'ops/s',
        ...(withHeap ? ['heap/op'] : []),
      ];
      lines.push(`#### ${module} / ${group}`, '');
      lines.push(
        markdownTable(
          headers,
          rows.map((c) => {
            const s = c.case.stats;
            return [
              `\`${c.case.id}\``,
              formatDuration(s.min),
              formatDuration(s.p50),
              formatDuration(s.mean),
              formatDuration(s.p99),
              formatDuration(s.max),
              formatPercent(s.cv),
              formatNumber(s.opsPerSec),
              ...(withHeap
                ? [c.case.heapBytesPerOp === undefined ? '—' : formatBytes(c.case.heapBytesPerOp)]
                : []),
            ];
          }),
          ['left', ...headers.slice(1).map(() => 'right' as const)],
        ),
        '',
      );
    }
    if (barCases(ctx.analysis, module).length > 0)
      lines.push(`![${chartTitles.module(module)}](${moduleChartPath(module)})`, '');
  }
  return lines;
}

function scalingSection(ctx: ReportContext): string[] {
  const lines = ['## Scaling', ''];
  if (ctx.analysis.sweeps.length === 0) return [...lines, 'No size sweeps were measured.', ''];
  lines.push(
    'Each sweep is fitted as log(time) = slope · log(size) + c; a slope of 1 is linear growth, 2 quadratic. The class is the growth shape that matches the points best.',
    '',
  );
  for (const sweep of ctx.analysis.sweeps) {
    const path = scalingChartPath(sweep.id);
    const title = chartTitles.scaling(sweep.id);
    const fit = sweep.fit
      ? `fitted slope **${sweep.fit.slope.toFixed(2)}** (R² ${sweep.fit.rSquared.toFixed(3)}), class **${sweep.fit.complexity}**`
      : 'too few sizes to fit';
    lines.push(
      `### ${sweep.id}`,
      '',
      `Source: \`${sweep.file}\`; ${fit}.`,
      '',
      markdownTable(
        ['size', 'p50'],
        sweep.points.map((p) => [formatNumber(p.size), formatDuration(p.timeNs)]),
        ['right', 'right'],
      ),
      '',
      `![${title}](${path})`,
      '',
    );
  }
  return lines;
}

function appendix(ctx: ReportContext): string[] {
  const lines = ['## Appendix: environment and how to reproduce', ''];
  for (const { file, data } of [...ctx.inputs.runs].sort(by((r) => r.data.project))) {
    const env = data.environment;
    lines.push(
      `- \`${file}\` (${data.project}): ${data.startedAt} → ${data.finishedAt}; ${env.os} (${env.platform} ${env.arch}); ${env.cpuModel}, ${env.cpuCount} cores; ${formatBytes(env.totalMemoryBytes)}; Node ${env.nodeVersion}, V8 ${env.v8Version}${env.gpus && env.gpus.length > 0 ? `; GPUs ${env.gpus.map((g) => g.model).join(', ')}` : ''}; --expose-gc ${env.exposeGc ? 'on' : 'off'}; commit ${env.gitCommit ?? 'unknown'}${env.gitDirty ? ' (dirty)' : ''}; command \`${env.commandLine.join(' ')}\``,
    );
  }
  lines.push(
    '',
    'Reproduce everything (all benchmarks and profiles, then both reports):',
    '',
    '```sh',
    'npm ci',
    'npm run perf',
    '```',
    '',
    'Or step by step:',
    '',
    '```sh',
    'npx nx run-many -t bench profile queue-throughput --parallel=1',
    'npx nx g @prismq/perf-tools:report            # add --saveBaseline to make these results the baseline',
    'npx nx g @prismq/perf-tools:report --check    # CI: fails on critical findings or regressions',
    '```',
    '',
    'Verdicts on changes come from paired comparisons (run from the benchmark project):',
    '',
    '```sh',
    "prismq-bench compare --base HEAD --head HEAD --project <project>   # A/A: this machine's run-to-run noise",
    'prismq-bench compare --base <ref> --project <project>              # the working tree against <ref>',
    '```',
    '',
  );
  return lines;
}

/**
 * Renders PERFORMANCE_BASELINE_REPORT.md. It links the charts by path only; the charts
 * themselves are drawn from the analysis by `buildReportCharts`.
 */
export function renderBaselineReport(ctx: ReportContext): string {
  const sections = [
    '# Performance baseline report',
    '',
    'Generated by `nx g @prismq/perf-tools:report` from the measured files named below; do not edit by hand.',
    '',
    ...headerLines(ctx.inputs),
    '',
    ...summary(ctx),
    ...warningsSection(ctx.inputs),
    ...moduleSections(ctx),
    ...targetsSection(ctx),
    ...scalingSection(ctx),
    ...comparisonSection(ctx),
    ...profilesSection(ctx),
    ...appendix(ctx),
  ];
  return `${sections.join('\n').trimEnd()}\n`;
}
