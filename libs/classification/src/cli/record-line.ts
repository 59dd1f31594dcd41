import type { RecordOutcome } from '@prismq/cli-kit';
import { ClassificationError, InvalidFieldError } from '../classification-error.js';
import { inputFromMetadata } from '../classifiers/classification-input.js';
import { IdeaExtractor } from '../ideas/idea-extractor.js';
import type { TextClassifier } from '../classifiers/text-classifier.js';

/**
 * Classifies one JSON-lines record (a metadata record: `title`, `description`, `tags`,
 * `subtitle_text`…) and returns `{"line", "record", "enrichment"}` as one line. Never throws
 * for bad input: a malformed line becomes a problem naming the field.
 */
export function classifyRecordLine(
  line: string,
  lineNumber: number,
  classifier: TextClassifier,
): RecordOutcome {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { ok: false, problem: `record: not valid JSON (${(error as Error).message})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    const got = Array.isArray(record) ? 'an array' : record === null ? 'null' : typeof record;
    return { ok: false, problem: `record: expected a JSON object, got ${got}` };
  }
  try {
    inputFromMetadata(record);
    const enrichment = classifier.enrich(
      IdeaExtractor.fromMetadata(record as Record<string, unknown>),
    );
    return { ok: true, output: JSON.stringify({ line: lineNumber, record, enrichment }) };
  } catch (error) {
    if (error instanceof InvalidFieldError) {
      // The message reads `field "<name>" must be …`; the CLI's format names the field first.
      return {
        ok: false,
        problem: `${error.field}: ${error.message.slice(`field "${error.field}" `.length)}`,
      };
    }
    if (error instanceof ClassificationError)
      return { ok: false, problem: `record: ${error.message}` };
    throw error;
  }
}
