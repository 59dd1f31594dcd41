import { CRITICAL_MISS_FACTOR } from '../findings/missed-target-rule';
import { EFFORTS, SEVERITIES, type Finding } from '../findings/finding';
import { SUPER_LINEAR_SLOPE } from '../findings/super-linear-growth-rule';
import { SIZE_JUMP_ALLOWANCE } from '../findings/size-jump-rule';
import { UNSTABLE_CV } from '../findings/unstable-measurement-rule';
import { CPU_CONCENTRATION_PERCENT } from '../findings/cpu-concentration-rule';
import type { ReportContext } from '../report/report-context';
import { formatNumber, formatPercent } from './format-value';
import { formatBound, formatMeasured } from './target-bound';
import { markdownTable } from './markdown-table';
import { headerLines, warningsSection } from './report-header';

/** A target met with at least this margin is listed as comfortably within target. */
const COMFORTABLE_MARGIN = 2;

function findingSection(finding: Finding, index: number): string[] {
  return [
    `### ${index + 1}. [${finding.severity.toUpperCase()}] ${finding.title}`,
    '',
    `- **Module:** ${finding.module}`,
    `- **Rule:** ${finding.rule}; **subject:** \`${finding.subject}\`; **effort:** ${finding.effort}`,
    `- **Evidence:**`,
    ...finding.evidence.map((e) => `  - ${e}`),
    `- **From:** ${finding.files.map((f) => `\`${f}\``).join(', ') || '—'}`,
    `- **Impact:** ${finding.impact}`,
    `- **Recommendation:** ${finding.recommendation}`,
    '',
  ];
}

function rulesUsed(ctx: ReportContext): string[] {
  const { policy } = ctx.analysis;
  return [
    '## Rules applied',
    '',
    markdownTable(
      ['rule', 'severity'],
      [
        ['missed target', `critical when missed by more than ${CRITICAL_MISS_FACTOR}×, else high`],
        [
          'super-linear growth',
          `high when the log–log slope of a sweep exceeds ${SUPER_LINEAR_SLOPE}`,
        ],
        [
          'size jump',
          `medium when a larger variant's time ratio exceeds its size ratio by more than ${SIZE_JUMP_ALLOWANCE}×`,
        ],
        [
          'regression',
          `high when a paired comparison (\`prismq-bench compare\`) calls a case slower; without one, when p50 is slower than the baseline by more than the case's run-to-run noise (from an A/A comparison, at least ${formatPercent(policy.tolerance)}) and the baseline was measured on this machine`,
        ],
        [
          'unstable measurement',
          `low when CV exceeds ${formatPercent(UNSTABLE_CV)} (a measurement problem)`,
        ],
        ['memory over target', 'high when a scenario exceeds its module memory target'],
        ['memory growth', 'medium when heap after GC keeps rising across repeated calls'],
        [
          'CPU concentration',
          `medium when one function holds more than ${CPU_CONCENTRATION_PERCENT} % of self time`,
        ],
      ],
    ),
    '',
  ];
}

function nonBottlenecks(ctx: ReportContext, findings: readonly Finding[]): string[] {
  const flagged = new Set(findings.map((f) => f.subject));
  const comfortable = ctx.analysis.targetResults
    .filter(
      (r) => r.status === 'met' && (r.margin ?? 0) >= COMFORTABLE_MARGIN && !flagged.has(r.subject),
    )
    .sort((a, b) => (b.margin ?? 0) - (a.margin ?? 0) || a.subject.localeCompare(b.subject, 'en'));
  const lines = ['## Non-bottlenecks', ''];
  if (comfortable.length === 0)
    return [...lines, `No target is met with a margin of ${COMFORTABLE_MARGIN}× or more.`, ''];
  return [
    ...lines,
    `Targets met with at least ${COMFORTABLE_MARGIN}× to spare and no finding against them; no work needed here.`,
    '',
    markdownTable(
      ['module', 'target', 'case / scenario', 'target value', 'measured', 'margin'],
      comfortable.map((r) => [
        r.target.module,
        r.target.description,
        `\`${r.subject}\``,
        `${r.target.metric} ${formatBound(r.target)}`,
        formatMeasured(r),
        `${formatNumber(r.margin ?? 0)}×`,
      ]),
      ['left', 'left', 'left', 'right', 'right', 'right'],
    ),
    '',
  ];
}

function priorityMatrix(findings: readonly Finding[]): string[] {
  const rows = SEVERITIES.map((severity) => [
    `**${severity}**`,
    ...EFFORTS.map((effort) => {
      const numbers = findings
        .map((f, i) => (f.severity === severity && f.effort === effort ? `#${i + 1}` : ''))
        .filter((n) => n !== '');
      return numbers.join(', ') || '—';
    }),
  ]);
  return [
    '## Priority matrix',
    '',
    'Finding numbers by severity (rows) and estimated effort (columns); top-left first.',
    '',
    markdownTable(['severity \\ effort', 'low effort', 'medium effort', 'high effort'], rows),
    '',
  ];
}

function nextSteps(findings: readonly Finding[]): string[] {
  const lines = ['## Next steps', ''];
  if (findings.length === 0) return [...lines, 'Nothing to do: no finding.', ''];
  return [
    ...lines,
    ...findings.map(
      (f, i) =>
        `${i + 1}. **[${f.severity}, ${f.effort} effort] ${f.module}: \`${f.subject}\`** — ${f.recommendation}`,
    ),
    '',
  ];
}

/** Renders BOTTLENECK_IDENTIFICATION.md from findings already ordered by priority. */
export function renderBottleneckReport(ctx: ReportContext): string {
  const { findings } = ctx;
  const counts = SEVERITIES.map(
    (s) => `${findings.filter((f) => f.severity === s).length} ${s}`,
  ).join(', ');
  const sections = [
    '# Bottleneck identification',
    '',
    'Generated by `nx g @prismq/perf-tools:report` from the measured files named in each finding; do not edit by hand. Numbers and charts: [PERFORMANCE_BASELINE_REPORT.md](PERFORMANCE_BASELINE_REPORT.md).',
    '',
    ...headerLines(ctx.inputs),
    '',
    '## Summary',
    '',
    `${findings.length} findings: ${counts}.`,
    '',
    ...warningsSection(ctx.inputs),
    ...rulesUsed(ctx),
    '## Findings',
    '',
    ...(findings.length === 0
      ? ['No bottleneck found by any rule.', '']
      : findings.flatMap(findingSection)),
    ...nonBottlenecks(ctx, findings),
    ...priorityMatrix(findings),
    ...nextSteps(findings),
  ];
  return `${sections.join('\n').trimEnd()}\n`;
}
