/** Why a profiler refused to run or could not write its output. */
export type ProfilingErrorCode =
  | 'PROFILE_INVALID_OPTION'
  | 'PROFILE_INVALID_MODE'
  | 'PROFILE_OUTPUT_UNWRITABLE'
  | 'PROFILE_CPU_NESTED'
  | 'PROFILE_DECORATOR_MISUSE';

/** A profiler given a bad option, an unknown mode or an output folder it cannot write. */
export class ProfilingError extends Error {
  /** The class name, for logs. */
  override readonly name = 'ProfilingError';
  constructor(
    /** What went wrong, for callers to branch on. */
    readonly code: ProfilingErrorCode,
    /** The option or environment variable at fault, when there is one. */
    readonly option: string | undefined,
    message: string,
  ) {
    super(message);
  }
}
