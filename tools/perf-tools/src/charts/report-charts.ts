import type { CompareVerdict } from '@prismq/profiling';
import type { Analysis } from '../analysis/analysis';
import type { MeasuredCase } from '../analysis/measured-case';
import { chartSlug, type ChartFile } from '../report/chart-file';
import { renderTimeBarChart } from './bar-chart';
import { renderDeltaChart, type DeltaVerdict } from './delta-chart';
import { renderScalingChart } from './scaling-chart';

/** Path (under the reports folder) of a module's bar chart. */
export const moduleChartPath = (module: string): string => `charts/${chartSlug(module)}-cases.svg`;
/** Path of a sweep's log–log chart. */
export const scalingChartPath = (sweepId: string): string =>
  `charts/scaling-${chartSlug(sweepId)}.svg`;
/** Path of a project's chart of deltas against the baseline. */
export const baselineDeltaChartPath = (project: string): string =>
  `charts/baseline-delta-${chartSlug(project)}.svg`;
/** Path of a project's chart of a paired comparison. */
export const compareChartPath = (project: string): string =>
  `charts/compare-${chartSlug(project)}.svg`;

/** Titles shared by the charts and the markdown that links them. */
export const chartTitles = {
  module: (module: string) => `${module}: time per operation by case`,
  scaling: (sweepId: string) => `${sweepId}: time per operation against input size`,
  baselineDelta: (project: string) => `${project}: change in p50 against the baseline`,
  compare: (project: string) => `${project}: head against base, paired comparison`,
};

const PAIRED_VERDICT: Readonly<Record<CompareVerdict, DeltaVerdict>> = {
  slower: 'slower',
  faster: 'faster',
  unchanged: 'no significant change',
};

/** Cases of a module shown as bars: everything but the points of size sweeps. */
export function barCases(analysis: Analysis, module: string): MeasuredCase[] {
  return analysis.cases.filter(
    (c) => c.case.module === module && typeof c.case.args?.['size'] !== 'number',
  );
}

function moduleCharts(analysis: Analysis): ChartFile[] {
  const modules = [...new Set(analysis.cases.map((c) => c.case.module))].sort();
  return modules.flatMap((module) => {
    const bars = barCases(analysis, module);
    if (bars.length === 0) return [];
    return [
      {
        path: moduleChartPath(module),
        svg: renderTimeBarChart(
          chartTitles.module(module),
          bars.map((c) => ({ label: c.case.id, p50Ns: c.case.stats.p50, p99Ns: c.case.stats.p99 })),
        ),
      },
    ];
  });
}

function baselineCharts(analysis: Analysis): ChartFile[] {
  const projects = [...new Set(analysis.comparisons.map((c) => c.project))].sort();
  return projects.map((project) => ({
    path: baselineDeltaChartPath(project),
    svg: renderDeltaChart(
      chartTitles.baselineDelta(project),
      analysis.comparisons
        .filter((c) => c.project === project)
        .map((c) => ({
          label: c.id,
          change: c.ratio - 1,
          ...(c.smallestChange === undefined
            ? {}
            : { low: -c.smallestChange, high: c.smallestChange }),
          verdict: c.verdict,
        })),
      {
        whisker: 'smallest change this machine can see (±)',
        axis: 'change in p50 against the baseline (%)',
      },
    ),
  }));
}

function compareCharts(analysis: Analysis): ChartFile[] {
  return analysis.pairedComparisons.map(({ data }) => ({
    path: compareChartPath(data.project),
    svg: renderDeltaChart(
      chartTitles.compare(data.project),
      data.cases.map((c) => ({
        label: c.id,
        change: c.ratio - 1,
        low: c.low - 1,
        high: c.high - 1,
        verdict: PAIRED_VERDICT[c.verdict],
      })),
      {
        whisker: `${Math.round(data.method.confidence * 1000) / 10} % interval`,
        axis: `change in p50 of head (${data.head.ref}) against base (${data.base.ref}) (%)`,
      },
    ),
  }));
}

/** Every chart the baseline report links, computed from the analysis alone. */
export function buildReportCharts(analysis: Analysis): ChartFile[] {
  return [
    ...moduleCharts(analysis),
    ...analysis.sweeps.map((sweep) => ({
      path: scalingChartPath(sweep.id),
      svg: renderScalingChart(chartTitles.scaling(sweep.id), sweep.points, sweep.fit),
    })),
    ...baselineCharts(analysis),
    ...compareCharts(analysis),
  ];
}
