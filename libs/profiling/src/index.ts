export * from './result-schema.js';
export * from './compare-document-schema.js';
export * from './profile-summary-schema.js';
export * from './result-reader.js';
export { describeCase, type CaseMetadata } from './case-metadata.js';
export {
  runBenchmarks,
  DEFAULT_BENCH_PATTERNS,
  type RunBenchmarksOptions,
  type BenchmarkRunResult,
} from './benchmark-runner.js';
export { BenchmarkRunnerError, type BenchmarkRunnerErrorCode } from './benchmark-runner-error.js';
export { collectEnvironment } from './environment.js';
export { profileFunction } from './cpu-profiler.js';
export { profileMemory } from './profile-memory.js';
export { timeFunction } from './time-profiler.js';
export {
  profile,
  timed,
  type ProfileDecoratorOptions,
  type ProfileMemoryDecoratorOptions,
} from './profile-decorators.js';
export type { DualMethodDecorator, AnyMethod } from './method-decorator.js';
export { profiled, type ProfiledOptions } from './profiled.js';
export {
  getProfilingMode,
  setProfilingMode,
  parseProfilingMode,
  PROFILING_MODES,
  type ProfilingMode,
} from './profiling-mode.js';
export {
  getProfilingResults,
  clearProfilingResults,
  onProfilingResult,
  setProfilingResultCapacity,
  DEFAULT_COLLECTOR_CAPACITY,
  type ProfilingListener,
} from './profiling-collector.js';
export type { ProfilingResult, ProfilingKind, MemoryFigures } from './profiling-result.js';
export { ProfilingError, type ProfilingErrorCode } from './profiling-error.js';
export {
  CpuProfileOptionsSchema,
  MemoryProfileOptionsSchema,
  TimeOptionsSchema,
  type CpuProfileOptions,
  type MemoryProfileOptions,
  type TimeOptions,
} from './profiling-options.js';
export {
  summarizeCpuProfile,
  type CpuProfile,
  type CpuProfileNode,
  type CallFrame,
  type CpuTables,
} from './cpu-profile-summary.js';
export { formatCpuSummary } from './cpu-summary-table.js';
export {
  topAllocationSites,
  type SamplingHeapProfile,
  type HeapProfileNode,
} from './heap-profile-summary.js';
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
