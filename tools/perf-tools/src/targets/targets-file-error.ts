/** Why a targets file was rejected. */
export type TargetsFileErrorCode =
  'TARGETS_FILE_UNREADABLE' | 'TARGETS_FILE_NOT_JSON' | 'TARGETS_FILE_INVALID' | 'TARGET_MISSING';

/**
 * A targets file that cannot be read, is not JSON, breaks the targets schema, or lacks a
 * target a profile checks.
 */
export class TargetsFileError extends Error {
  override readonly name = 'TargetsFileError';
  constructor(
    readonly code: TargetsFileErrorCode,
    /** The targets file. */
    readonly path: string,
    /** Where in the document the problem is, e.g. `targets.3.metric`; empty for the whole file. */
    readonly location: string,
    problem: string,
  ) {
    super(`${path}${location ? ` at ${location}` : ''}: ${problem}`);
  }
}
