/** The path and the rule of one failed zod check. */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * How every validation problem of the package reads: `<field>: <rule>`, the field a dotted
 * path (`modules.0.command`), or `whole` when the value as a whole broke the rule.
 */
export function formatValidationIssue(issue: ValidationIssue, whole: string): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : whole;
  return `${field}: ${issue.message}`;
}
