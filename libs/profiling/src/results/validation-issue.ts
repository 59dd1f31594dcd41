import type { z } from 'zod';

/**
 * What a message is built from: the path and the rule of one failed zod check (of a result
 * file, a history line, a CPU profile, a package.json, or the options of a call or command).
 */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The failed check a message names: the first, as zod reports checks in the order of the schema. */
export function firstIssue(error: z.ZodError): ValidationIssue {
  return error.issues[0] ?? { path: [], message: 'does not match the schema' };
}

/**
 * How a problem in a document reads: `<path>: <rule>`, the path dotted (`cases.0.verdict`),
 * `whole` (default `(root)`) when the value as a whole is wrong.
 */
export function formatValidationIssue(issue: ValidationIssue, whole = '(root)'): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : whole;
  return `${path}: ${issue.message}`;
}

/**
 * How a rejected option reads: `option <prefix><name> (<given>) <rule>`, e.g.
 * `option --rounds ("3") must be at least 6`. `input` holds the options as the caller passed
 * them; the offending value is shown when it is a single string, number or boolean.
 */
export function formatOptionIssue(issue: ValidationIssue, input: unknown, prefix = ''): string {
  const name = issue.path.length > 0 ? String(issue.path[0]) : 'options';
  const given =
    typeof input === 'object' && input !== null && issue.path.length > 0
      ? (input as Record<string, unknown>)[name]
      : undefined;
  const shown =
    typeof given === 'string' || typeof given === 'number' || typeof given === 'boolean'
      ? ` (${JSON.stringify(given)})`
      : '';
  const rest = issue.path.length > 1 ? `.${issue.path.slice(1).map(String).join('.')}` : '';
  return `option ${prefix}${name}${rest}${shown} ${issue.message}`;
}
