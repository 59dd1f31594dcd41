import { formatValidationIssue, type RecordOutcome } from '@prismq/cli-kit';
import { ScoringInputError } from '../errors.js';
import { scoreIdeaInspiration } from '../ideas/idea-scorer.js';
import { ScorableIdeaSchema } from '../schemas/index.js';

/**
 * Scores one JSON-lines record: parses it, validates it as a {@link ScorableIdea} and returns
 * `{"line", "record", "scoreBreakdown"}` as one line. Never throws: a bad line becomes a
 * problem naming the field, for the caller to report.
 */
export function scoreRecordLine(line: string, lineNumber: number): RecordOutcome {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { ok: false, problem: `record: not valid JSON (${(error as Error).message})` };
  }
  const parsed = ScorableIdeaSchema.safeParse(record);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues
        .map((issue) => formatValidationIssue(issue, 'record'))
        .join('; '),
    };
  try {
    const scoreBreakdown = scoreIdeaInspiration(parsed.data);
    return { ok: true, output: JSON.stringify({ line: lineNumber, record, scoreBreakdown }) };
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    // The message starts with the field; the CLI's format puts a colon after it.
    return { ok: false, problem: `${error.field}: ${error.message.slice(error.field.length + 1)}` };
  }
}
