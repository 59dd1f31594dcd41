import type { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * What a message is built from: the path and the rule of one failed check. Issues of full zod
 * (the CLI's options) and of zod/mini (keyword tables, IdeaInspiration) both have this shape.
 */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** How every validation problem of the package reads: `<path>: <rule>`, `(root)` for the value as a whole. */
export function formatValidationIssue(issue: ValidationIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

// English messages for zod/mini, passed per parse: the mini build carries no messages of its
// own, and setting them globally would change the messages of the caller's own schemas.
const ENGLISH = en();

/** Parses `value` with `schema` and returns the data, or every problem formatted by {@link formatValidationIssue}. */
export function parseWithIssues<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
): { ok: true; data: z.output<T> } | { ok: false; issues: string[] } {
  const parsed = schema.safeParse(value, { error: ENGLISH.localeError });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(formatValidationIssue) };
}
