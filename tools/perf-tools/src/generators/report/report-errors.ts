/** Options the report generator cannot work with. */
export class ReportOptionsError extends Error {
  override readonly name = 'ReportOptionsError';
  readonly code = 'REPORT_OPTIONS_INVALID';
  constructor(
    /** The option at fault. */
    readonly option: string,
    problem: string,
  ) {
    super(`report option --${option}: ${problem}`);
  }
}

/** Check mode found critical findings or significant regressions. */
export class PerfCheckFailedError extends Error {
  override readonly name = 'PerfCheckFailedError';
  readonly code = 'PERF_CHECK_FAILED';
  constructor(
    /** Titles of the blocking findings. */
    readonly findings: readonly string[],
  ) {
    super(
      `performance check failed: ${findings.length} critical finding(s) or significant regression(s):\n${findings.map((f) => `  - ${f}`).join('\n')}`,
    );
  }
}
