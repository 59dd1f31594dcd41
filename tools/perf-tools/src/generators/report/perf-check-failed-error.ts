/** Check mode found critical findings or regressions. */
export class PerfCheckFailedError extends Error {
  override readonly name = 'PerfCheckFailedError';
  readonly code = 'PERF_CHECK_FAILED';
  constructor(
    /** Titles of the blocking findings. */
    readonly findings: readonly string[],
  ) {
    super(
      `performance check failed: ${findings.length} critical finding(s) or regression(s):\n${findings.map((f) => `  - ${f}`).join('\n')}`,
    );
  }
}
