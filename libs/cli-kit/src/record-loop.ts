import type { Writable } from 'node:stream';
import { isProgressMilestone, progressLine } from './progress-line.js';
import type { RecordLine } from './record-lines.js';

/**
 * Outcome of one record: the output line (without its line break), or the problems that
 * rejected it as `<field>: <problem>` (`record` when the line as a whole is wrong).
 */
export type RecordOutcome = { ok: true; output: string } | { ok: false; problem: string };

/** What {@link runRecordLoop} runs: a command's records, what to do with each, where to write. */
export interface RecordLoop {
  /** The command's name, which starts each of its stderr lines (`prismq-score`). */
  readonly command: string;
  /** The records, in input order. */
  readonly lines: AsyncIterable<RecordLine>;
  /** Turns one record into its output line or its problem; must not throw for bad input. */
  readonly handle: (text: string, lineNumber: number) => RecordOutcome;
  /** Where output lines go (stdout or a file). */
  readonly output: Writable;
  /** Writes one line to stderr. */
  readonly report: (line: string) => void;
  /** Stop at the first rejected record instead of reporting and skipping it. */
  readonly strict: boolean;
  /** How many records the input holds, when known (a counted file). */
  readonly total?: number;
}

/** Waits until `stream` takes more writes again, failing if it fails first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      stream.off('drain', done);
      stream.off('error', done);
      if (error === undefined) resolve();
      else reject(error);
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

/**
 * The record loop of a JSON-lines command: handles each record as it arrives and writes its
 * output line in input order, waiting whenever the output is full, so that one record at a
 * time is in memory however long the input is.
 *
 * On stderr, through `report`: `::progress processed=N total=M` at the start (with a total),
 * after each further percent and at the end, or `::progress processed=N` every 1 000 records
 * and at the end without one; `<command>: warning: line N: <problem>; line skipped` for a
 * rejected record and `<command>: warning: skipped K of N records` at the end; in strict mode
 * `<command>: error: line N: <problem>` for the first rejected record, which ends the loop;
 * `<command>: error: <message>` when reading or writing fails.
 *
 * Resolves to the exit code: 0 done (also with skipped records), 1 stopped by a rejected
 * record in strict mode or by an I/O failure.
 */
export async function runRecordLoop(loop: RecordLoop): Promise<0 | 1> {
  const { command, output, report, strict, total } = loop;
  let processed = 0;
  let skipped = 0;
  try {
    if (total !== undefined) report(progressLine(0, total));
    for await (const { text, lineNumber } of loop.lines) {
      const outcome = loop.handle(text, lineNumber);
      processed++;
      if (outcome.ok) {
        if (!output.write(`${outcome.output}\n`)) await drained(output);
      } else if (strict) {
        report(`${command}: error: line ${lineNumber}: ${outcome.problem}`);
        return 1;
      } else {
        skipped++;
        report(`${command}: warning: line ${lineNumber}: ${outcome.problem}; line skipped`);
      }
      if (isProgressMilestone(processed, total)) report(progressLine(processed, total));
    }
    if (total === undefined && !isProgressMilestone(processed)) report(progressLine(processed));
    if (skipped > 0) report(`${command}: warning: skipped ${skipped} of ${processed} records`);
    return 0;
  } catch (error) {
    report(`${command}: error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
