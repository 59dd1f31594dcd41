import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import {
  openRecordFile,
  readRecordLines,
  RecordFileError,
  runRecordLoop,
  type RecordFile,
} from '@prismq/cli-kit';
import { KeywordTableError } from '../classification-error.js';
import {
  CLI_HELP,
  ClassificationCliUsageError,
  parseCliOptions,
  type CliOptions,
} from './cli-options.js';
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

/**
 * Runs `prismq-classify` with `argv` (arguments after the script) and resolves to the exit
 * code. Records are read, classified and written one line at a time, waiting for a full
 * output to drain, so memory stays flat for any input size; results are written in input order.
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

  let input: RecordFile | undefined;
  if (options.input !== undefined) {
    try {
      input = await openRecordFile(options.input);
    } catch (error) {
      if (!(error instanceof RecordFileError)) throw error;
      report(`${CLI}: error: ${error.message}`);
      return 1;
    }
  }
  try {
    return await runRecordLoop({
      command: CLI,
      lines: input?.lines() ?? readRecordLines(io.stdin),
      handle: (text, lineNumber) => classifyRecordLine(text, lineNumber, classifier),
      output: io.stdout,
      report,
      strict: options.strict,
      ...(input === undefined ? {} : { total: input.total }),
    });
  } finally {
    await input?.close();
  }
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
