/** Error codes of the scoring library, stable for callers that branch on them. */
export type ScoringErrorCode = 'SCORING_INPUT_INVALID' | 'SCORING_CONFIG_INVALID';

/**
 * A metric or count that cannot be scored: not a number, not finite, negative, or (for
 * platform counts) not an integer. The message names the field and the rule it broke, so
 * a caller can point at the bad record without a debugger.
 */
export class ScoringInputError extends Error {
  /** Always `SCORING_INPUT_INVALID`. */
  readonly code = 'SCORING_INPUT_INVALID' as const;
  /** Path of the offending field, e.g. `statistics.viewCount`. */
  readonly field: string;
  /** The value that was rejected, kept for logs. */
  readonly value: unknown;

  constructor(field: string, value: unknown, rule: string) {
    super(`${field} must be ${rule}; got ${describeValue(value)}`);
    this.name = 'ScoringInputError';
    this.field = field;
    this.value = value;
  }
}

/** Options of a {@link ScoringEngine} (or another configurable part) that break their schema. */
export class ScoringConfigError extends Error {
  /** Always `SCORING_CONFIG_INVALID`. */
  readonly code = 'SCORING_CONFIG_INVALID' as const;

  constructor(what: string, problem: string) {
    super(`${what} is invalid: ${problem}`);
    this.name = 'ScoringConfigError';
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null ||
    value === undefined
  ) {
    return String(value);
  }
  return typeof value;
}
