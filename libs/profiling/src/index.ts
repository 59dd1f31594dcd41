// The documents the toolkit writes, their readers and the machine they describe.
export * from './results/result-schema.js';
export * from './results/compare-document-schema.js';
export * from './results/profile-summary-schema.js';
export * from './results/result-reader.js';
export { collectEnvironment } from './results/environment.js';
export {
  REPORTS_FOLDER,
  workspaceReportsDir,
  reportsFolder,
  latestRunPath,
  runDocumentPath,
  baselinePath,
  compareDocumentPath,
  comparePagePath,
  shardDocumentPath,
  parseCompareDocumentName,
  historyPath,
  parseHistoryFileName,
  loadReportPath,
  type ReportsFolder,
  type CompareKind,
} from './results/reports-layout.js';

// The mitata runner behind prismq-bench, and the history it appends to.
export { describeCase, type CaseMetadata } from './runner/case-metadata.js';
export {
  runBenchmarks,
  DEFAULT_BENCH_PATTERNS,
  type RunBenchmarksOptions,
  type BenchmarkRunResult,
} from './runner/benchmark-runner.js';
export {
  BenchmarkRunnerError,
  type BenchmarkRunnerErrorCode,
} from './runner/benchmark-runner-error.js';
export {
  HistoryEntrySchema,
  MachineFingerprintSchema,
  HistoryIntervalKindSchema,
  HISTORY_SCHEMA_VERSION,
  appendBenchmarkHistory,
  benchmarkHistoryPath,
  readBenchmarkHistory,
  historyEntriesOfRun,
  historyEntriesOfComparison,
  machineFingerprint,
  type HistoryEntry,
  type MachineFingerprint,
  type BenchmarkHistory,
  type HistoryProblem,
} from './history/benchmark-history.js';

// The explicit profilers, their options and their summaries.
export { profileFunction } from './profilers/cpu-profiler.js';
export { timeFunction } from './profilers/time-profiler.js';
export {
  CpuProfileOptionsSchema,
  MemoryProfileOptionsSchema,
  TimeOptionsSchema,
  type CpuProfileOptions,
  type MemoryProfileOptions,
  type TimeOptions,
} from './profilers/profiling-options.js';
export {
  summarizeCpuProfile,
  type CpuTables,
  type CpuSummaryOptions,
} from './profilers/cpu-profile-summary.js';
export type {
  CpuProfile,
  CpuProfileNode,
  CallFrame,
  PositionTick,
} from './profilers/cpu-profile.js';
export {
  createSourceMapResolver,
  type SourceMapResolver,
  type SourceMapResolverOptions,
  type ResolvedPosition,
} from './source-map/source-map-resolver.js';
export { formatCpuSummary } from './profilers/cpu-summary-table.js';
export {
  topAllocationSites,
  type SamplingHeapProfile,
  type HeapProfileNode,
} from './profilers/heap-profile-summary.js';

// The mode-gated decorators and wrappers.
export { profileMemory } from './decorators/profile-memory-call-or-decorator.js';
export {
  profile,
  timed,
  type ProfileDecoratorOptions,
  type ProfileMemoryDecoratorOptions,
} from './decorators/profile-decorators.js';
export type { DualMethodDecorator, AnyMethod } from './decorators/method-decorator.js';
export { profiled, type ProfiledOptions } from './decorators/profiled.js';

// The mode switch and the results every profiled call produces.
export {
  getProfilingMode,
  setProfilingMode,
  parseProfilingMode,
  PROFILING_MODES,
  type ProfilingMode,
} from './collector/profiling-mode.js';
export {
  getProfilingResults,
  clearProfilingResults,
  onProfilingResult,
  setProfilingResultCapacity,
  DEFAULT_COLLECTOR_CAPACITY,
  type ProfilingListener,
} from './collector/profiling-collector.js';
export type {
  ProfilingResult,
  ProfilingKind,
  MemoryFigures,
} from './collector/profiling-result.js';
export { ProfilingError, type ProfilingErrorCode } from './collector/profiling-error.js';
