import { once } from 'node:events';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { KeywordTableError } from '../classification-error.js';
import {
  CLI_HELP,
  ClassificationCliUsageError,
  parseCliOptions,
  type CliOptions,
} from './cli-options.js';
import { isProgressMilestone, progressLine } from './progress-line.js';
import { classifyRecordLine } from './record-line.js';
import { TextClassifier } from '../classifiers/text-classifier.js';

const CLI = 'prismq-classify';

/** The streams `prismq-classify` talks to; the bin passes the process's own. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** What `--version` prints. */
  readonly version: string;
}

/** Exit status: 0 done, 1 stopped by `--strict` or unreadable input, 2 bad command line or tables. */
export type ClassifyExitCode = 0 | 1 | 2;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

async function writeLine(stream: Writable, text: string): Promise<void> {
  if (!stream.write(`${text}\n`)) await once(stream, 'drain');
}

async function countRecords(handle: FileHandle): Promise<number> {
  let count = 0;
  for await (const line of handle.readLines({ autoClose: false })) if (!isBlank(line)) count++;
  return count;
}

/**
 * Runs `prismq-classify` with `argv` (arguments after the script) and resolves to the exit
 * code. Records are read, classified and written one line at a time, so memory stays flat
 * for any input size; results are written in input order.
 */
export async function runClassifyCli(
  argv: readonly string[],
  io: CliIo,
): Promise<ClassifyExitCode> {
  const report = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  let options: CliOptions;
  let classifier: TextClassifier;
  try {
    options = parseCliOptions(argv);
    if (options.help || options.version) {
      io.stdout.write(`${options.help ? CLI_HELP : io.version}\n`);
      return 0;
    }
    classifier = new TextClassifier({
      ...(options.tables === undefined ? {} : { tables: await readTables(options.tables) }),
      ...(options.threshold === undefined ? {} : { storyThreshold: options.threshold }),
    });
  } catch (error) {
    if (!(error instanceof ClassificationCliUsageError || error instanceof KeywordTableError))
      throw error;
    report(`${CLI}: error: ${error.message}`);
    report(`Run ${CLI} --help for usage.`);
    return 2;
  }

  let total: number | undefined;
  let inputHandle: FileHandle | undefined;
  if (options.input !== undefined) {
    const path = options.input;
    let countHandle: FileHandle | undefined;
    try {
      countHandle = await open(path, 'r');
      total = await countRecords(countHandle);
      inputHandle = await open(path, 'r');
    } catch (error) {
      report(`${CLI}: error: cannot read "${path}": ${(error as Error).message}`);
      return 1;
    } finally {
      await countHandle?.close();
    }
  }
  // A line reader starts reading at once and drops lines that arrive before iteration
  // begins, so it is created after every other await.
  const input =
    inputHandle !== undefined
      ? inputHandle.readLines()
      : createInterface({ input: io.stdin, crlfDelay: Infinity });

  let lineNumber = 0;
  let processed = 0;
  let skipped = 0;
  let exitCode: ClassifyExitCode = 0;
  try {
    if (total !== undefined) report(progressLine(0, total));
    for await (const rawLine of input) {
      lineNumber++;
      // Files saved by Windows tools may start with a byte-order mark, which JSON.parse rejects.
      const line = lineNumber === 1 && rawLine.startsWith('\uFEFF') ? rawLine.slice(1) : rawLine;
      if (isBlank(line)) continue;
      const result = classifyRecordLine(line, lineNumber, classifier);
      processed++;
      if (result.ok) {
        await writeLine(io.stdout, result.output);
      } else if (options.strict) {
        report(`${CLI}: error: line ${lineNumber}: ${result.problem}`);
        exitCode = 1;
        break;
      } else {
        skipped++;
        report(`${CLI}: warning: line ${lineNumber}: ${result.problem}; line skipped`);
      }
      if (isProgressMilestone(processed, total)) report(progressLine(processed, total));
    }
    if (total === undefined && exitCode === 0 && !isProgressMilestone(processed)) {
      report(progressLine(processed));
    }
    if (skipped > 0) report(`${CLI}: warning: skipped ${skipped} of ${processed} records`);
  } catch (error) {
    report(`${CLI}: error: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    await inputHandle?.close();
  }
  return exitCode;
}

/** Reads and parses a tables file; any failure is a usage problem (exit 2), like a bad option. */
async function readTables(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ClassificationCliUsageError(
      `cannot read tables "${path}": ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new ClassificationCliUsageError(
      `tables "${path}" are not valid JSON (${(error as Error).message})`,
    );
  }
}
