import { formatValidationIssue } from '@prismq/cli-kit';
import type { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// English messages for zod/mini, passed per parse: the mini build carries no messages of its
// own, and setting them globally would change the messages of the caller's own schemas.
const ENGLISH = en();

/** Parses `value` with `schema` and returns the data, or every problem as `<path>: <rule>` (`(root)` for the value as a whole). */
export function parseWithIssues<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
): { ok: true; data: z.output<T> } | { ok: false; issues: string[] } {
  const parsed = schema.safeParse(value, { error: ENGLISH.localeError });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => formatValidationIssue(issue)) };
}
