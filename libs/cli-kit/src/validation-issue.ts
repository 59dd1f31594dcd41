/**
 * What a message is built from: the path and the rule of one failed check. Issues of full zod
 * and of zod/mini both have this shape.
 */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * How every validation problem of the command lines and their libraries reads: `<field>: <rule>`,
 * the field a dotted path (`metadata.statistics.likeCount`), or `whole` when the problem is with
 * the value as a whole (`record` for a record of a command's input, `(root)` by default).
 */
export function formatValidationIssue(issue: ValidationIssue, whole = '(root)'): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : whole;
  return `${field}: ${issue.message}`;
}
