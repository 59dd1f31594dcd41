/** Why `prismq-bench compare` (or `prismq-bench merge`) could not produce a verdict. */
export type CompareErrorCode =
  | 'COMPARE_INVALID_OPTION'
  | 'COMPARE_NOT_A_GIT_REPOSITORY'
  | 'COMPARE_BAD_REF'
  | 'COMPARE_UNKNOWN_PROJECT'
  | 'COMPARE_CHECKOUT_FAILED'
  | 'COMPARE_INSTALL_FAILED'
  | 'COMPARE_BUILD_FAILED'
  | 'COMPARE_NO_FILES'
  | 'COMPARE_FILTER_NO_MATCH'
  | 'COMPARE_MEASURE_FAILED'
  | 'COMPARE_INTERRUPTED'
  | 'COMPARE_MERGE_BAD_FILE'
  | 'COMPARE_MERGE_NOT_A_SHARD'
  | 'COMPARE_MERGE_MISMATCH'
  | 'COMPARE_MERGE_DUPLICATE_SHARD'
  | 'COMPARE_MERGE_OVERLAP'
  | 'COMPARE_MERGE_MISSING_SHARD';

/** A comparison that could not be set up or carried out (exit code 2). */
export class CompareError extends Error {
  override readonly name = 'CompareError';
  constructor(
    readonly code: CompareErrorCode,
    message: string,
  ) {
    super(message);
  }
}
