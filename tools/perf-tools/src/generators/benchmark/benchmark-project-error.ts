/** Why a benchmark project could not be generated. */
export type BenchmarkProjectErrorCode =
  | 'BENCHMARK_OPTIONS_INVALID'
  | 'BENCHMARK_LIBRARY_NOT_FOUND'
  | 'BENCHMARK_LIBRARY_NOT_A_PACKAGE'
  | 'BENCHMARK_PROJECT_EXISTS'
  | 'BENCHMARK_RUNNER_NOT_FOUND';

/** The benchmark-project generator cannot proceed; the message names the input and the rule. */
export class BenchmarkProjectError extends Error {
  override readonly name = 'BenchmarkProjectError';
  constructor(
    readonly code: BenchmarkProjectErrorCode,
    message: string,
  ) {
    super(message);
  }
}
