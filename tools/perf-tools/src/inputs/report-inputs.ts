import type {
  BenchmarkRun,
  CompareDocument,
  CpuProfileSummary,
  LoadTestReport,
  MemoryReport,
} from '@prismq/profiling';
import type { TargetsFile } from '../targets/targets-file-schema';

/** A problem with one input file; the report lists it and carries on with the rest. */
export interface InputWarning {
  /** Workspace-relative path of the file (or folder) concerned. */
  readonly file: string;
  readonly problem: string;
}

/** A validated document together with the workspace-relative file it came from. */
export interface Sourced<T> {
  readonly file: string;
  readonly data: T;
}

/** Everything the reports are computed from, already validated. */
export interface ReportInputs {
  /** One benchmark run per project, ordered by project. */
  readonly runs: readonly Sourced<BenchmarkRun>[];
  /** Saved baselines, one per project that has one. */
  readonly baselines: readonly Sourced<BenchmarkRun>[];
  /** Paired comparisons (`compare/<project>.json`), ordered by project. */
  readonly compares: readonly Sourced<CompareDocument>[];
  /** A/A noise measurements (`compare/<project>.aa.json`), ordered by project. */
  readonly noiseMeasurements: readonly Sourced<CompareDocument>[];
  /** Newest CPU profile summary per scenario name, ordered by name. */
  readonly cpuProfiles: readonly Sourced<CpuProfileSummary>[];
  /** Newest memory report per scenario name, ordered by name. */
  readonly memoryReports: readonly Sourced<MemoryReport>[];
  /** Whole-system load results, ordered by project. */
  readonly loadReports: readonly Sourced<LoadTestReport>[];
  readonly targets: TargetsFile;
  readonly targetsFile: string;
  readonly warnings: readonly InputWarning[];
}
