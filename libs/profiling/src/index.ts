export * from './result-schema.js';
export * from './profile-summary-schema.js';
export * from './result-reader.js';
export { describeCase, getCaseMetadata, clearCaseMetadata, type CaseMetadata } from './case-metadata.js';
export {
  runBenchmarks,
  DEFAULT_BENCH_PATTERNS,
  type RunBenchmarksOptions,
  type BenchmarkRunResult,
} from './benchmark-runner.js';
export { BenchmarkRunnerError, type BenchmarkRunnerErrorCode } from './benchmark-runner-error.js';
export { buildCases, MAX_SAMPLE_TIMES, type MitataTrial, type MitataRun, type MitataStats, type CaseFailure, type BuiltCases } from './benchmark-case-builder.js';
export { collectEnvironment, runGit, type GitRunner } from './environment.js';
