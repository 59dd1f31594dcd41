import { baselinePath } from '@prismq/profiling';
import { analyzeInputs, type Analysis } from '../analysis/analysis';
import type { ComparisonPolicy } from '../analysis/baseline-comparison';
import { buildReportCharts } from '../charts/report-charts';
import { findBottlenecks } from '../findings/find-bottlenecks';
import type { Finding } from '../findings/finding';
import type { PageInputs } from '../inputs/page-inputs';
import type { ReportInputs } from '../inputs/report-inputs';
import { renderBaselineReport } from '../markdown/baseline-report';
import { renderBottleneckReport } from '../markdown/bottleneck-report';
import { buildFlamePages } from '../page/flame-pages';
import { renderReportPage, REPORT_PAGE_NAME } from '../page/report-page';

/** A file the report generator writes, relative to the workspace root. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** Everything the report generator produces, computed before anything is written. */
export interface ReportBuild {
  readonly analysis: Analysis;
  readonly findings: readonly Finding[];
  /** Findings that fail check mode: critical ones and regressions. */
  readonly blocking: readonly Finding[];
  /** The two reports, their charts, the HTML report page and its flame-graph pages. */
  readonly reportFiles: readonly OutputFile[];
  /** Current runs serialised as baselines (written only when asked). */
  readonly baselineFiles: readonly OutputFile[];
}

/** Names of the two report files inside the reports folder. */
export const REPORT_FILE_NAMES = {
  baseline: 'PERFORMANCE_BASELINE_REPORT.md',
  bottlenecks: 'BOTTLENECK_IDENTIFICATION.md',
} as const;

const NO_PAGE_INPUTS: PageInputs = {
  history: [],
  historyFiles: [],
  flameSources: [],
  warnings: [],
};

/**
 * Computes both reports, their charts, the HTML page with its flame graphs and the baseline
 * documents from validated inputs, in stages: inputs → analysis → findings → charts (from the
 * analysis) and Markdown/HTML (which link the charts by path). Pure: the same inputs give
 * byte-identical output, and nothing is written.
 */
export function buildReport(
  inputs: ReportInputs,
  policy: ComparisonPolicy,
  reportsDir: string,
  page: PageInputs = NO_PAGE_INPUTS,
): ReportBuild {
  const analysis = analyzeInputs(inputs, policy);
  const findings = findBottlenecks(analysis);
  const charts = buildReportCharts(analysis);
  const ctx = { inputs, analysis, findings, reportsDir };
  const flames = buildFlamePages(page.flameSources, reportsDir, page.sourceMaps);
  const reportFiles: OutputFile[] = [
    { path: `${reportsDir}/${REPORT_FILE_NAMES.baseline}`, content: renderBaselineReport(ctx) },
    {
      path: `${reportsDir}/${REPORT_FILE_NAMES.bottlenecks}`,
      content: renderBottleneckReport(ctx),
    },
    ...charts.map((chart) => ({
      path: `${reportsDir}/${chart.path}`,
      content: chart.svg,
    })),
    { path: `${reportsDir}/${REPORT_PAGE_NAME}`, content: renderReportPage(ctx, page, flames) },
    ...flames.map((flame) => flame.file),
  ];
  const baselineFiles = inputs.runs.map((run) => ({
    path: baselinePath(reportsDir, run.data.project),
    content: `${JSON.stringify(run.data, null, 2)}\n`,
  }));
  return {
    analysis,
    findings,
    blocking: findings.filter((f) => f.severity === 'critical' || f.rule === 'regression'),
    reportFiles,
    baselineFiles,
  };
}
