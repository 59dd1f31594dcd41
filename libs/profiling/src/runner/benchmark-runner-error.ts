/** Why a benchmark run could not be carried out. */
export type BenchmarkRunnerErrorCode =
  | 'BENCH_INVALID_OPTION'
  | 'BENCH_NO_FILES'
  | 'BENCH_FILE_LOAD_FAILED'
  | 'BENCH_TYPESCRIPT_LOADER_MISSING'
  | 'BENCH_NO_CASES'
  | 'BENCH_FILTER_NO_MATCH'
  | 'BENCH_RESULT_INVALID';

/** A benchmark run that could not start or produce a valid document. */
export class BenchmarkRunnerError extends Error {
  /** The class name, for logs. */
  override readonly name = 'BenchmarkRunnerError';
  constructor(
    /** What went wrong, for callers to branch on. */
    readonly code: BenchmarkRunnerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
