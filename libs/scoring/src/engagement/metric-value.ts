import { ScoringInputError } from '../errors.js';

/**
 * Reads one metric for the typed hot paths: `undefined` and `null` count as 0 (a missing
 * field is no engagement, as in the PrismQ Python scorer, whose numbers the package
 * reproduces); anything else must be a finite, non-negative number. Two comparisons instead of a schema keep this cheap enough for per-call use.
 */
export function metricValue(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  // `value >= 0 && value < Infinity` is false for NaN, so one test covers NaN, ±Infinity and negatives.
  if (typeof value === 'number' && value >= 0 && value < Infinity) return value;
  throw new ScoringInputError(field, value, 'a finite, non-negative number');
}

const DECIMAL_INTEGER = /^[0-9]+$/;

/**
 * Reads a platform count (YouTube `statistics`): a decimal-integer string or a non-negative
 * integer number; missing is 0. `"12abc"`, `"1e6"`, `"-5"`, `-5`, `1.5` and `NaN` are rejected
 * because the platform never sends them and guessing would store a wrong score.
 */
export function countValue(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
  } else if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) {
    return Number(value);
  }
  throw new ScoringInputError(field, value, 'a non-negative integer or a decimal-integer string');
}
