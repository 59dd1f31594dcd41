/**
 * What a message is built from: the path and the rule of one failed zod check (a record of
 * the CLI's input, or the CLI's own options).
 */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * How every validation problem of the package reads: `<field>: <rule>`, the field a dotted
 * path (`metadata.statistics.likeCount`), `record` for the value as a whole.
 */
export function formatValidationIssue(issue: ValidationIssue): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'record';
  return `${field}: ${issue.message}`;
}
