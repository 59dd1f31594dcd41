// Public surface of @prismq/perf-tools: the two Nx generators and the pure core they are built
// on, so that scripts and tests can compute reports without going through `nx g`.
export { reportGenerator, runReport } from './generators/report/generator';
export {
  ReportOptionsSchema,
  type ReportOptions,
  type ReportOptionsInput,
} from './generators/report/report-options';
export { ReportOptionsError } from './generators/report/report-options-error';
export { PerfCheckFailedError } from './generators/report/perf-check-failed-error';
export { benchmarkGenerator, benchPackageName } from './generators/benchmark/generator';
export {
  BenchmarkOptionsSchema,
  type BenchmarkOptions,
} from './generators/benchmark/benchmark-options';
export {
  BenchmarkProjectError,
  type BenchmarkProjectErrorCode,
} from './generators/benchmark/benchmark-project-error';

export * from './targets/targets-file-schema';
export { parseTargetsFile } from './targets/parse-targets-file';
export { DEFAULT_TARGETS_FILE, readTargetsFile } from './targets/read-targets-file';
export { memoryTargetBytes } from './targets/memory-target-bytes';
export { TargetsFileError, type TargetsFileErrorCode } from './targets/targets-file-error';

export { collectInputs, type InputLocations } from './inputs/collect-inputs';
export { CompareFileError, type CompareFileErrorCode } from './inputs/compare-file-error';
export type { InputWarning, ReportInputs, Sourced } from './inputs/report-inputs';
export { analyzeInputs, type Analysis } from './analysis/analysis';
export type { MeasuredCase } from './analysis/measured-case';
export type { SweepSeries } from './analysis/sweep-series';
export type { TargetResult, TargetStatus } from './analysis/target-evaluation';
export { evaluateTargets } from './analysis/target-evaluation';
export { judgeLoadReport } from './analysis/load-target-verdicts';
export { formatVerdict } from './markdown/target-verdict-line';
export type {
  BaselineComparison,
  BaselineJudgement,
  CaseComparison,
  ComparisonInputs,
  ComparisonPolicy,
  ComparisonVerdict,
} from './analysis/baseline-comparison';
export { compareWithBaseline } from './analysis/baseline-comparison';
export { machineDifferences } from './analysis/machine-fingerprint';
export { runToRunNoise } from './analysis/run-noise';
export { findBottlenecks } from './findings/find-bottlenecks';
export type { Finding, Severity, Effort, RuleId } from './findings/finding';

export { renderTimeBarChart, type TimeBar } from './charts/bar-chart';
export { renderScalingChart } from './charts/scaling-chart';
export {
  renderDeltaChart,
  type DeltaBar,
  type DeltaChartLabels,
  type DeltaVerdict,
} from './charts/delta-chart';
export { buildReportCharts } from './charts/report-charts';
export { renderBaselineReport } from './markdown/baseline-report';
export { renderBottleneckReport } from './markdown/bottleneck-report';
export {
  buildReport,
  REPORT_FILE_NAMES,
  type OutputFile,
  type ReportBuild,
} from './report/build-report';
export type { ChartFile } from './report/chart-file';
export type { ReportContext } from './report/report-context';
