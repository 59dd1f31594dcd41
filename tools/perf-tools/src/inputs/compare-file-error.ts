/** Why a compare document stopped the report. */
export type CompareFileErrorCode =
  'COMPARE_FILE_INVALID' | 'COMPARE_FILE_WRONG_PROJECT' | 'COMPARE_FILE_NOT_A_A';

/**
 * A file under `<reportsDir>/compare/` that cannot be used. Unlike a bad run document, it stops
 * the report: its verdicts decide the regression findings (or, for an A/A file, which deltas
 * count), and a check that silently skipped it would pass a regression.
 */
export class CompareFileError extends Error {
  override readonly name = 'CompareFileError';
  constructor(
    readonly code: CompareFileErrorCode,
    /** Workspace-relative path of the compare file. */
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
