import type { TargetResult } from '../analysis/target-result';
import type { ReportContext } from '../report/report-context';
import { formatNumber } from './format-value';
import { markdownTable } from './markdown-table';
import { formatBound, formatMeasured } from './target-bound';

function marginText(r: TargetResult): string {
  if (r.margin === undefined) return '—';
  return r.margin >= 1
    ? `${formatNumber(r.margin)}× better`
    : `${formatNumber(1 / r.margin)}× worse`;
}

function statusText(r: TargetResult): string {
  if (r.status === 'met') return '✅ met';
  if (r.status === 'missed') return '❌ missed';
  return `⚠️ ${r.status} (${r.reason ?? 'no data'})`;
}

/** The "Targets vs actual" section: one row per target with its measurement and status. */
export function targetsSection(ctx: ReportContext): string[] {
  const results = ctx.analysis.targetResults;
  const lines = ['## Targets vs actual', ''];
  if (results.length === 0) return [...lines, `No targets in \`${ctx.inputs.targetsFile}\`.`, ''];
  const relative = results.some((r) => 'relativeTo' in r.target);
  lines.push(
    `Targets from \`${ctx.inputs.targetsFile}\`. Margin is how many times better (or worse) than the target the measurement is.${relative ? ' A target written `≤ 3.5 × <case>` bounds the ratio of the metric to the same metric of that case in the same run, which does not move with the machine; its measured value is that ratio.' : ''}`,
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
        formatBound(r.target),
        formatMeasured(r),
        marginText(r),
        statusText(r),
      ]),
      ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
    ),
    '',
  );
  return lines;
}
