import type { z } from 'zod';

/** Where a value broke a rule, and the rule: what every validation message of the plugin names. */
export interface ValidationProblem {
  /** Dotted path of the field (`targets.3.limit`), or the caller's name for the whole value. */
  readonly field: string;
  readonly rule: string;
}

/** The first failed check of a zod error — zod reports checks in the order of the schema. */
export function firstValidationProblem(error: z.ZodError, whole: string): ValidationProblem {
  const issue = error.issues[0];
  if (!issue) return { field: whole, rule: 'does not match the schema' };
  return {
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : whole,
    rule: issue.message,
  };
}
