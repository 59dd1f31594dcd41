import { renderOfflinePage } from '@prismq/profiling/flamegraph';
import type { TargetResult } from '../analysis/target-result';
import { escapeXml as esc } from '../charts/svg-markup';
import type { PageInputs } from '../inputs/page-inputs';
import { formatDuration } from '../markdown/format-value';
import { formatBound, formatMeasured } from '../markdown/target-bound';
import type { ReportContext } from '../report/report-context';
import { isRelativeTarget } from '../targets/targets-file-schema';
import { convertUnit } from '../targets/unit-conversion';
import { caseHistories } from './case-history';
import type { FlamePage } from './flame-pages';
import { findingsList, profilesTable, targetsTable } from './page-sections';
import { PAGE_STYLE } from './page-style';
import { POINT_COLOURS, renderTrendChart } from './trend-chart';

/** Name of the report page inside the reports folder. */
export const REPORT_PAGE_NAME = 'index.html';

// A p50 bound in time units can be drawn on the case's chart; others are only listed.
function p50TargetNs(results: readonly TargetResult[]): number | undefined {
  for (const r of results) {
    if (isRelativeTarget(r.target) || r.target.metric !== 'p50') continue;
    const ns = convertUnit(r.target.value, r.target.unit, 'ns');
    if (ns !== undefined) return ns;
  }
  return undefined;
}

function targetLine(results: readonly TargetResult[]): string {
  return results
    .map(
      (r) =>
        `<span class="status-${r.status === 'met' ? 'met' : r.status === 'missed' ? 'missed' : 'other'}">${esc(r.target.metric)} ${esc(formatBound(r.target).replace(/`/g, ''))}: ${esc(formatMeasured(r))} (${esc(r.status)})</span>`,
    )
    .join(' ');
}

const LEGEND = `<p class="legend">${[
  ['run', POINT_COLOURS.run],
  ['paired comparison: slower', POINT_COLOURS.slower],
  ['faster', POINT_COLOURS.faster],
  ['unchanged', POINT_COLOURS.unchanged],
]
  .map(([label, colour]) => `<span><i class="dot" style="background:${colour}"></i>${label}</span>`)
  .join(
    '',
  )}<span>hollow: uncommitted changes</span><span>faded: another machine</span><span>band: p25–p75 (runs) or the comparison's interval</span></p>`;

function casesSection(ctx: ReportContext, page: PageInputs): string {
  const histories = caseHistories(page.history, ctx.inputs.runs, ctx.inputs.compares);
  const projects = [...new Set(ctx.analysis.cases.map((c) => c.project))];
  return projects
    .map((project) => {
      const figures = ctx.analysis.cases
        .filter((c) => c.project === project)
        .map((measured) => {
          const id = measured.case.id;
          const points = histories.get(`${project}\u0000${id}`) ?? [];
          const targets = ctx.analysis.targetResults.filter((r) => r.subject === id);
          return `<figure class="case" id="case-${esc(id.replace(/[^a-z0-9]+/gi, '-'))}" data-case="${esc(id)}">
<figcaption><code class="case-id">${esc(id)}</code><span>p50 ${esc(formatDuration(measured.case.stats.p50))} (p25–p75 ${esc(formatDuration(measured.case.stats.p25))}–${esc(formatDuration(measured.case.stats.p75))})</span><span class="muted">${points.length} run${points.length === 1 ? '' : 's'}</span>${targets.length > 0 ? targetLine(targets) : ''}</figcaption>
${renderTrendChart(id, points, p50TargetNs(targets))}
</figure>`;
        });
      return `<h3 id="project-${esc(project)}">${esc(project)}</h3>
<div class="cases">
${figures.join('\n')}
</div>`;
    })
    .join('\n');
}

/**
 * The report as one self-contained HTML page: per case a trend chart across commits, then the
 * targets against the measurements, the bottleneck findings and links to the flame-graph
 * pages. Inline CSS and SVG only, and a policy that forbids loading anything, so it opens
 * from file:// or a CI artifact without network. Pure: same inputs, same bytes.
 */
export function renderReportPage(
  ctx: ReportContext,
  page: PageInputs,
  flames: readonly FlamePage[],
): string {
  const { analysis, findings, inputs } = ctx;
  const projects = new Set(analysis.cases.map((c) => c.project));
  const commits = [
    ...new Set(inputs.runs.map((r) => r.data.environment.gitCommit?.slice(0, 12) ?? 'no commit')),
  ];
  const historyRuns = new Set(page.history.map((e) => `${e.project} ${e.date} ${e.source}`)).size;
  return renderOfflinePage({
    title: 'PrismQ Perf: benchmark report',
    style: PAGE_STYLE,
    body: `<h1>PrismQ Perf: benchmark report</h1>
<p>${analysis.cases.length} cases in ${projects.size} project${projects.size === 1 ? '' : 's'}, measured at ${commits.map((c) => `<code>${esc(c)}</code>`).join(', ') || '—'}; ${findings.length} findings; history of ${historyRuns} runs and comparisons from ${page.historyFiles.length} file${page.historyFiles.length === 1 ? '' : 's'} under <code>${esc(ctx.reportsDir)}/history/</code>.</p>
<nav><a href="#cases">Cases across commits</a><a href="#targets">Targets vs actual</a><a href="#findings">Findings</a><a href="#profiles">CPU profiles</a></nav>
<section id="cases">
<h2>Cases across commits</h2>
${LEGEND}
${casesSection(ctx, page)}
</section>
<section id="targets">
<h2>Targets vs actual</h2>
${targetsTable(analysis.targetResults, inputs.targetsFile)}
</section>
<section id="findings">
<h2>Bottleneck findings</h2>
${findingsList(findings)}
</section>
<section id="profiles">
<h2>CPU profiles</h2>
${profilesTable(flames)}
</section>`,
  });
}
