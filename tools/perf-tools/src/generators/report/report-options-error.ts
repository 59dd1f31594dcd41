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
