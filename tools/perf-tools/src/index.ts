// Public surface of @prismq/perf-tools: the two Nx generators and the pure core they are built
// on, so that scripts and tests can compute reports without going through `nx g`.
export { reportGenerator, runReport } from './generators/report/generator';
export {
  ReportOptionsSchema,
  type ReportOptions,
  type ReportOptionsInput,
} from './generators/report/report-options';
export { ReportOptionsError, PerfCheckFailedError } from './generators/report/report-errors';
export { benchResultFolders, resultsFolderOf } from './generators/report/bench-projects';
export {
  benchmarkGenerator,
  benchPackageName,
  PROFILING_PACKAGE,
} from './generators/benchmark/generator';
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
export { TargetsFileError, type TargetsFileErrorCode } from './targets/targets-file-error';
export { convertUnit, isHigherBetterUnit, type UnitDimension } from './targets/unit-conversion';

export { collectInputs, type InputLocations } from './inputs/collect-inputs';
export type { InputWarning, ReportInputs, Sourced } from './inputs/report-inputs';

export { analyzeInputs, type Analysis } from './analysis/analysis';
export type { MeasuredCase } from './analysis/measured-case';
export { collectSweeps, type SweepSeries } from './analysis/sweep-series';
export {
  evaluateTargets,
  memoryReportsFor,
  type TargetResult,
  type TargetStatus,
} from './analysis/target-evaluation';
export {
  compareWithBaseline,
  type CaseComparison,
  type ComparisonPolicy,
  type ComparisonVerdict,
} from './analysis/baseline-comparison';
export { moduleOfScenario } from './analysis/scenario-module';

export {
  fitGrowth,
  type ComplexityClass,
  type GrowthFit,
  type SweepPoint,
} from './statistics/growth-fit';
export { mannWhitneyU, type MannWhitneyResult } from './statistics/mann-whitney-u';
export { medianRatioInterval, type RatioInterval } from './statistics/median-ratio-interval';
export { seededRandom, hashSeed, type RandomSource } from './statistics/seeded-random';

export {
  compareFindings,
  SEVERITIES,
  EFFORTS,
  type Finding,
  type Severity,
  type Effort,
  type RuleId,
} from './findings/finding';
export { findBottlenecks } from './findings/find-bottlenecks';
export { missedTargetRule, CRITICAL_MISS_FACTOR } from './findings/missed-target-rule';
export { superLinearGrowthRule, SUPER_LINEAR_SLOPE } from './findings/super-linear-growth-rule';
export { sizeJumpRule, SIZE_JUMP_ALLOWANCE } from './findings/size-jump-rule';
export { regressionRule } from './findings/regression-rule';
export { unstableMeasurementRule, UNSTABLE_CV } from './findings/unstable-measurement-rule';
export {
  memoryRule,
  MIN_GROWTH_BYTES,
  MIN_GROWTH_FRACTION,
  MIN_RISING_STEPS,
} from './findings/memory-rule';
export { cpuConcentrationRule, CPU_CONCENTRATION_PERCENT } from './findings/cpu-concentration-rule';

export { renderTimeBarChart, type TimeBar } from './charts/bar-chart';
export { renderScalingChart } from './charts/scaling-chart';
export { renderDeltaChart, type DeltaBar } from './charts/delta-chart';
export { renderBaselineReport, type RenderedReport } from './markdown/baseline-report';
export { renderBottleneckReport, COMFORTABLE_MARGIN } from './markdown/bottleneck-report';

export {
  buildReport,
  REPORT_FILE_NAMES,
  type OutputFile,
  type ReportBuild,
} from './report/build-report';
export { writeFilesAtomically } from './report/atomic-write';
export type { ChartFile } from './report/chart-file';
export type { ReportContext } from './report/report-context';
