import { ClassificationError } from './classification-error.js';
import { inputFromMetadata } from './classification-input.js';
import { IdeaExtractor } from './idea-extractor.js';
import type { TextClassifier } from './text-classifier.js';

/** Where {@link classifyJsonLines} writes: one call per output line, without the newline. */
export interface JsonLinesSinks {
  /** A result line (stdout). */
  readonly out: (line: string) => void;
  /** A progress or problem line (stderr). */
  readonly err: (line: string) => void;
}

/** Outcome of {@link classifyJsonLines}. */
export interface JsonLinesSummary {
  /** Non-blank lines seen (classified or rejected). */
  readonly processed: number;
  /** Non-blank lines in the input. */
  readonly total: number;
  readonly classified: number;
  /** Line numbers (1-based) of malformed lines. */
  readonly malformedLines: readonly number[];
  /** true when `strict` stopped the run at a malformed line. */
  readonly stopped: boolean;
}

/**
 * Classifies a JSON-lines document: each non-blank line must be a JSON object (a metadata
 * record); it is written back as `{"line", "record", "enrichment"}`. Malformed lines are
 * reported as `line N: <problem>`; with `strict` the first one ends the run. Progress lines
 * `::progress processed=N total=M` go to `err` at the start, about every 1 % and at the end.
 */
export function classifyJsonLines(
  text: string,
  classifier: TextClassifier,
  sinks: JsonLinesSinks,
  options: { readonly strict: boolean },
): JsonLinesSummary {
  const lines = text.split(/\r?\n/);
  let total = 0;
  for (const line of lines) if (line.trim() !== '') total += 1;
  const every = Math.max(1, Math.ceil(total / 100));
  const progress = (processed: number): void =>
    sinks.err(`::progress processed=${processed} total=${total}`);

  progress(0);
  let processed = 0;
  let classified = 0;
  const malformedLines: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    processed += 1;
    const problem = classifyLine(line, lineNumber, classifier, sinks);
    if (problem === undefined) {
      classified += 1;
    } else {
      malformedLines.push(lineNumber);
      sinks.err(`line ${lineNumber}: ${problem}`);
      if (options.strict) {
        progress(processed);
        return { processed, total, classified, malformedLines, stopped: true };
      }
    }
    if (processed % every === 0 || processed === total) progress(processed);
  }
  return { processed, total, classified, malformedLines, stopped: false };
}

/** Classifies one line and writes its result; returns the problem when the line is malformed. */
function classifyLine(
  line: string,
  lineNumber: number,
  classifier: TextClassifier,
  sinks: JsonLinesSinks,
): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return `invalid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return `expected a JSON object, got ${Array.isArray(record) ? 'an array' : record === null ? 'null' : typeof record}`;
  }
  try {
    inputFromMetadata(record);
    const enrichment = classifier.enrich(
      IdeaExtractor.fromMetadata(record as Record<string, unknown>),
    );
    sinks.out(JSON.stringify({ line: lineNumber, record, enrichment }));
    return undefined;
  } catch (error) {
    if (error instanceof ClassificationError) return error.message;
    throw error;
  }
}
