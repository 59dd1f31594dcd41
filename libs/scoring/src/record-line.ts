import { z } from 'zod';
import { scoreIdeaInspiration } from './idea-scorer.js';
import { IdeaInspirationSchema } from './schemas.js';

/** Outcome of scoring one JSON line: the output line, or why the line was rejected. */
export type RecordLineResult = { ok: true; output: string } | { ok: false; reason: string };

/**
 * Scores one JSON-lines record: parses it, validates it as an IdeaInspiration-like object
 * and returns the record with a `scoreBreakdown` added, serialised as one line. Never throws:
 * a bad line becomes a reason naming what was wrong, for the caller to report.
 */
export function scoreRecordLine(line: string): RecordLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = IdeaInspirationSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  try {
    const breakdown = scoreIdeaInspiration(parsed.data);
    return {
      ok: true,
      output: JSON.stringify({ ...(value as object), scoreBreakdown: breakdown }),
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
