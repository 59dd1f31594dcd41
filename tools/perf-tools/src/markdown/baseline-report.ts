import type { MeasuredCase } from '../analysis/measured-case';
import type { TargetResult } from '../analysis/target-evaluation';
import { renderTimeBarChart } from '../charts/bar-chart';
import { renderDeltaChart } from '../charts/delta-chart';
import { renderScalingChart } from '../charts/scaling-chart';
import { chartSlug, type ChartFile } from '../report/chart-file';
import type { ReportContext } from '../report/report-context';
import {
  formatBytes,
  formatDuration,
  formatMeasure,
  formatOp,
  formatNumber,
  formatPercent,
  formatSignedPercent,
} from './format-value';
import { markdownTable } from './markdown-table';
import { significanceRule } from './significance-rule';
import { headerLines, warningsSection } from './report-header';

/** The rendered baseline report and the charts it links. */
export interface RenderedReport {
  readonly markdown: string;
  readonly charts: readonly ChartFile[];
}

const by =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b), 'en');

function isSweepPoint(c: MeasuredCase): boolean {
  return typeof c.case.args?.['size'] === 'number';
}

function marginText(r: TargetResult): string {
  if (r.margin === undefined) return '—';
  return r.margin >= 1
    ? `${formatNumber(r.margin)}× better`
    : `${formatNumber(1 / r.margin)}× worse`;
}

function statusText(r: TargetResult): string {
  if (r.status === 'met') return '✅ met';
  if (r.status === 'missed') return '❌ missed';
  return `⚠️ not measured (${r.reason ?? 'no data'})`;
}

function summary(ctx: ReportContext): string[] {
  const { analysis, findings } = ctx;
  const met = analysis.targetResults.filter((r) => r.status === 'met').length;
  const missed = analysis.targetResults.filter((r) => r.status === 'missed').length;
  const unmeasured = analysis.targetResults.length - met - missed;
  const modules = new Set(analysis.cases.map((c) => c.case.module));
  const changed = analysis.comparisons
    .filter((c) => c.verdict === 'faster' || c.verdict === 'slower')
    .sort(
      (a, b) =>
        Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)) || a.id.localeCompare(b.id, 'en'),
    )
    .slice(0, 5);
  const lines = [
    '## Executive summary',
    '',
    `- **${analysis.cases.length} cases** measured in ${modules.size} module${modules.size === 1 ? '' : 's'} (${ctx.inputs.runs.length} benchmark run${ctx.inputs.runs.length === 1 ? '' : 's'}), ${analysis.sweeps.length} size sweeps.`,
    `- **Targets:** ${met} met, ${missed} missed, ${unmeasured} not measured (of ${analysis.targetResults.length}).`,
    `- **Bottlenecks:** ${findings.length} findings (${['critical', 'high', 'medium', 'low'].map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ')}); see [BOTTLENECK_IDENTIFICATION.md](BOTTLENECK_IDENTIFICATION.md).`,
  ];
  if (analysis.comparisons.length === 0) {
    lines.push('- **Against the baseline:** no baseline to compare with.');
  } else if (changed.length === 0) {
    lines.push(
      `- **Against the baseline:** no significant change in ${analysis.comparisons.length} compared cases.`,
    );
  } else {
    lines.push(
      `- **Biggest changes against the baseline:** ${changed.map((c) => `\`${c.id}\` ${formatSignedPercent(c.ratio - 1)} (${c.verdict})`).join(', ')}.`,
    );
  }
  if (ctx.inputs.warnings.length > 0)
    lines.push(`- **Input warnings:** ${ctx.inputs.warnings.length} (listed below).`);
  return [...lines, ''];
}

function moduleSections(ctx: ReportContext, charts: ChartFile[]): string[] {
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
    const bars = cases.filter((c) => !isSweepPoint(c));
    if (bars.length > 0) {
      const path = `charts/${chartSlug(module)}-cases.svg`;
      charts.push({
        path,
        svg: renderTimeBarChart(
          `${module}: time per operation by case`,
          bars.map((c) => ({ label: c.case.id, p50Ns: c.case.stats.p50, p99Ns: c.case.stats.p99 })),
        ),
      });
      lines.push(`![${module}: time per operation by case](${path})`, '');
    }
  }
  return lines;
}

function targetsSection(ctx: ReportContext): string[] {
  const results = ctx.analysis.targetResults;
  const lines = ['## Targets vs actual', ''];
  if (results.length === 0) return [...lines, `No targets in \`${ctx.inputs.targetsFile}\`.`, ''];
  lines.push(
    `Targets from \`${ctx.inputs.targetsFile}\`. Margin is how many times better (or worse) than the target the measurement is.`,
    '',
    markdownTable(
      [
        'module',
        'target',
        'case / scenario',
        'metric',
        'target value',
        'measured',
        'margin',
        'status',
      ],
      results.map((r) => [
        r.target.module,
        r.target.description,
        `\`${r.subject}\``,
        r.target.metric,
        `${formatOp(r.target.op)} ${formatMeasure(r.target.value, r.target.unit)}`,
        r.measured === undefined ? '—' : formatMeasure(r.measured, r.target.unit),
        marginText(r),
        statusText(r),
      ]),
      ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
    ),
    '',
  );
  return lines;
}

function scalingSection(ctx: ReportContext, charts: ChartFile[]): string[] {
  const lines = ['## Scaling', ''];
  if (ctx.analysis.sweeps.length === 0) return [...lines, 'No size sweeps were measured.', ''];
  lines.push(
    'Each sweep is fitted as log(time) = slope · log(size) + c; a slope of 1 is linear growth, 2 quadratic. The class is the growth shape that matches the points best.',
    '',
  );
  for (const sweep of ctx.analysis.sweeps) {
    const path = `charts/scaling-${chartSlug(sweep.id)}.svg`;
    const title = `${sweep.id}: time per operation against input size`;
    charts.push({ path, svg: renderScalingChart(title, sweep.points, sweep.fit) });
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

function intervalPercent(comparisons: ReportContext['analysis']['comparisons']): string {
  const confidence = comparisons.find((c) => c.interval)?.interval?.confidence ?? 0.95;
  return formatNumber(confidence * 100);
}

function baselineSection(ctx: ReportContext, charts: ChartFile[]): string[] {
  const { comparisons, policy } = ctx.analysis;
  const lines = ['## Against the baseline', ''];
  if (comparisons.length === 0) {
    return [
      ...lines,
      `No baseline in \`${ctx.reportsDir}/baseline/\` matches these runs. Save one with \`npx nx g @prismq/perf-tools:report --saveBaseline\`.`,
      '',
    ];
  }
  const files = [...new Set(comparisons.map((c) => c.baselineFile))].sort();
  lines.push(
    `Baselines: ${files.map((f) => `\`${f}\``).join(', ')}. A change counts when p50 moves by more than ${formatPercent(policy.tolerance)} and ${significanceRule(policy)}. The interval is a ${intervalPercent(comparisons)} % bootstrap interval of the ratio of medians.`,
    '',
    markdownTable(
      [
        'case',
        'baseline p50',
        'current p50',
        'change',
        `${intervalPercent(comparisons)} % CI`,
        'U-test p',
        'verdict',
      ],
      comparisons.map((c) => [
        `\`${c.id}\``,
        formatDuration(c.baselineP50),
        formatDuration(c.currentP50),
        formatSignedPercent(c.ratio - 1),
        c.interval
          ? `${formatSignedPercent(c.interval.low - 1)} … ${formatSignedPercent(c.interval.high - 1)}`
          : '—',
        c.pValue === undefined ? '—' : c.pValue.toPrecision(2),
        c.verdict,
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
  );
  const projects = [...new Set(comparisons.map((c) => c.project))].sort();
  for (const project of projects) {
    const path = `charts/baseline-delta-${chartSlug(project)}.svg`;
    const title = `${project}: change in p50 against the baseline`;
    charts.push({
      path,
      svg: renderDeltaChart(
        title,
        comparisons
          .filter((c) => c.project === project)
          .map((c) => ({
            label: c.id,
            change: c.ratio - 1,
            ...(c.interval ? { low: c.interval.low - 1, high: c.interval.high - 1 } : {}),
            verdict: c.verdict,
          })),
      ),
    });
    lines.push(`![${title}](${path})`, '');
  }
  return lines;
}

function profilesSection(ctx: ReportContext): string[] {
  const lines = ['## CPU hot spots and memory per scenario', '', '### CPU hot spots', ''];
  const { cpuProfiles, memoryReports, loadReports } = ctx.inputs;
  if (cpuProfiles.length === 0)
    lines.push(`No CPU profile summaries in \`${ctx.reportsDir}/cpu/\`.`, '');
  for (const { file, data } of cpuProfiles) {
    lines.push(
      `#### ${data.name}`,
      '',
      `Source: \`${file}\`; ${formatNumber(data.profileMs)} ms profiled, ${data.totalSamples} samples.`,
      '',
      markdownTable(
        ['function', 'location', 'self ms', 'self %', 'total %'],
        data.topSelf
          .slice(0, 5)
          .map((f) => [
            `\`${f.functionName || '(anonymous)'}\``,
            `\`${f.location}\``,
            formatNumber(f.selfMs),
            formatNumber(f.selfPercent),
            formatNumber(f.totalPercent),
          ]),
        ['left', 'left', 'right', 'right', 'right'],
      ),
      '',
    );
  }
  lines.push('### Memory per scenario', '');
  if (memoryReports.length === 0)
    lines.push(`No memory reports in \`${ctx.reportsDir}/memory/\`.`, '');
  else {
    lines.push(
      markdownTable(
        [
          'scenario',
          'wall',
          'peak heap',
          'peak RSS',
          'heap change',
          'heap after repeated calls',
          'source',
        ],
        memoryReports.map(({ file, data }) => {
          const series = data.heapAfterRepeatedCalls;
          return [
            data.name,
            `${formatNumber(data.wallMs)} ms`,
            formatBytes(data.peak.heapUsed),
            formatBytes(data.peak.rss),
            formatBytes(data.increase.heapUsed),
            series && series.length > 0
              ? `${formatBytes(series[0]!)} → ${formatBytes(series[series.length - 1]!)} (${series.length} calls)`
              : '—',
            `\`${file}\``,
          ];
        }),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  }
  if (loadReports.length > 0) {
    lines.push('### Whole-system measurements', '');
    for (const { file, data } of loadReports) {
      lines.push(
        `Source: \`${file}\`.`,
        '',
        markdownTable(
          ['case', 'metric', 'value', 'settings'],
          data.cases.flatMap((c) =>
            c.metrics.map((m) => [
              `\`${c.id}\``,
              m.name,
              formatMeasure(m.value, m.unit),
              Object.entries(c.settings)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(', '),
            ]),
          ),
          ['left', 'left', 'right', 'left'],
        ),
        '',
      );
    }
  }
  return lines;
}

function appendix(ctx: ReportContext): string[] {
  const lines = ['## Appendix: environment and how to reproduce', ''];
  for (const { file, data } of [...ctx.inputs.runs].sort(by((r) => r.data.project))) {
    const env = data.environment;
    lines.push(
      `- \`${file}\` (${data.project}): ${data.startedAt} → ${data.finishedAt}; ${env.os} (${env.platform} ${env.arch}); ${env.cpuModel}, ${env.cpuCount} cores; ${formatBytes(env.totalMemoryBytes)}; Node ${env.nodeVersion}, V8 ${env.v8Version}; --expose-gc ${env.exposeGc ? 'on' : 'off'}; commit ${env.gitCommit ?? 'unknown'}${env.gitDirty ? ' (dirty)' : ''}; command \`${env.commandLine.join(' ')}\``,
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
    'npx nx run-many -t bench profile --parallel=1',
    'npx nx g @prismq/perf-tools:report            # add --saveBaseline to make these results the baseline',
    'npx nx g @prismq/perf-tools:report --check    # CI: fails on critical findings or significant regressions',
    '```',
    '',
  );
  return lines;
}

/** Renders PERFORMANCE_BASELINE_REPORT.md and the charts it links. */
export function renderBaselineReport(ctx: ReportContext): RenderedReport {
  const charts: ChartFile[] = [];
  const sections = [
    '# Performance baseline report',
    '',
    'Generated by `nx g @prismq/perf-tools:report` from the measured files named below; do not edit by hand.',
    '',
    ...headerLines(ctx.inputs),
    '',
    ...summary(ctx),
    ...warningsSection(ctx.inputs),
    ...moduleSections(ctx, charts),
    ...targetsSection(ctx),
    ...scalingSection(ctx, charts),
    ...baselineSection(ctx, charts),
    ...profilesSection(ctx),
    ...appendix(ctx),
  ];
  return { markdown: `${sections.join('\n').trimEnd()}\n`, charts };
}
