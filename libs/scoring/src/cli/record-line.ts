import { ScoringInputError } from '../errors.js';
import { scoreIdeaInspiration } from '../ideas/idea-scorer.js';
import { ScorableIdeaSchema } from '../schemas/index.js';
import { formatValidationIssue } from '../validation-issue.js';

/**
 * Outcome of scoring one JSON line: the output line, or the problems that rejected it, each
 * `<field>: <problem>` (`record` when the line as a whole is wrong).
 */
export type RecordLineResult = { ok: true; output: string } | { ok: false; problem: string };

/**
 * Scores one JSON-lines record: parses it, validates it as a {@link ScorableIdea} and returns
 * `{"line", "record", "scoreBreakdown"}` as one line. Never throws: a bad line becomes a
 * problem naming the field, for the caller to report.
 */
export function scoreRecordLine(line: string, lineNumber: number): RecordLineResult {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { ok: false, problem: `record: not valid JSON (${(error as Error).message})` };
  }
  const parsed = ScorableIdeaSchema.safeParse(record);
  if (!parsed.success)
    return { ok: false, problem: parsed.error.issues.map(formatValidationIssue).join('; ') };
  try {
    const scoreBreakdown = scoreIdeaInspiration(parsed.data);
    return { ok: true, output: JSON.stringify({ line: lineNumber, record, scoreBreakdown }) };
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    // The message starts with the field; the CLI's format puts a colon after it.
    return { ok: false, problem: `${error.field}: ${error.message.slice(error.field.length + 1)}` };
  }
}
