/** One reason an input was refused: which field and which rule it broke. */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `parameters.max_results` or `runId`. */
  field: string;
  /** Short rule name, e.g. `required`, `max`, `pattern`, `unknown`. */
  rule: string;
  /** What was wrong, in words, e.g. `must be at most 100`. */
  message: string;
}
