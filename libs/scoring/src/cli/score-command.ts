import { once } from 'node:events';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseScoreCliOptions, SCORE_CLI_USAGE, ScoringCliUsageError } from './cli-options.js';
import { isProgressMilestone, progressLine } from './progress-line.js';
import { scoreRecordLine } from './record-line.js';

const CLI = 'prismq-score';

/** The streams `prismq-score` talks to; the bin passes the process's own, tests their own. */
export interface ScoreCommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** What `--version` prints. */
  version: string;
}

/** Exit status of {@link runScoreCommand}: 0 done, 1 stopped (strict mode or I/O), 2 bad usage. */
export type ScoreCommandExitCode = 0 | 1 | 2;

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
 * Runs `prismq-score` with `argv` (arguments only) against the given streams and resolves
 * to the exit code. Records are read and scored one line at a time, so memory stays flat for
 * any input size; results are written in input order.
 */
export async function runScoreCommand(
  argv: readonly string[],
  io: ScoreCommandIo,
): Promise<ScoreCommandExitCode> {
  const report = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  let options;
  try {
    options = parseScoreCliOptions(argv);
  } catch (error) {
    if (!(error instanceof ScoringCliUsageError)) throw error;
    report(`${CLI}: error: ${error.message}`);
    report(`Run ${CLI} --help for usage.`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${SCORE_CLI_USAGE}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${io.version}\n`);
    return 0;
  }

  let total: number | undefined;
  let countHandle: FileHandle | undefined;
  let inputHandle: FileHandle | undefined;
  let output: Writable = io.stdout;
  let closeOutput = async (): Promise<void> => {};
  try {
    if (options.input !== undefined) {
      countHandle = await open(options.input, 'r').catch((error: Error) => {
        throw new Error(`cannot read "${options.input}": ${error.message}`);
      });
      total = await countRecords(countHandle);
      inputHandle = await open(options.input, 'r');
    }
    if (options.output !== undefined) {
      const outputPath = options.output;
      // The control panel's default target is output/results.jsonl under the run folder.
      const handle = await mkdir(dirname(outputPath), { recursive: true })
        .then(() => open(outputPath, 'w'))
        .catch((error: Error) => {
          throw new Error(`cannot write "${outputPath}": ${error.message}`);
        });
      const stream = handle.createWriteStream();
      output = stream;
      closeOutput = async () => {
        stream.end();
        await once(stream, 'close');
      };
    }
  } catch (error) {
    await inputHandle?.close();
    report(`${CLI}: error: ${(error as Error).message}`);
    return 1;
  } finally {
    await countHandle?.close();
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
  let exitCode: ScoreCommandExitCode = 0;
  try {
    if (total !== undefined) report(progressLine(0, total));
    for await (const rawLine of input) {
      lineNumber++;
      // Files saved by Windows tools may start with a byte-order mark, which JSON.parse rejects.
      const line = lineNumber === 1 && rawLine.startsWith('\uFEFF') ? rawLine.slice(1) : rawLine;
      if (isBlank(line)) continue;
      const result = scoreRecordLine(line, lineNumber);
      processed++;
      if (result.ok) {
        await writeLine(output, result.output);
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
    await closeOutput();
  }
  return exitCode;
}
