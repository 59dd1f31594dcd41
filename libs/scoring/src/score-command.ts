import { once } from 'node:events';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CliUsageError, parseScoreCliOptions, SCORE_CLI_USAGE } from './cli-options.js';
import { isProgressMilestone, progressLine } from './progress-line.js';
import { scoreRecordLine } from './record-line.js';

/** The streams `prismq-score` talks to; the bin passes the process's own, tests their own. */
export interface ScoreCommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit status of {@link runScoreCommand}: 0 done, 1 stopped (strict mode or I/O), 2 bad usage. */
export type ScoreCommandExitCode = 0 | 1 | 2;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

async function writeLine(stream: Writable, text: string): Promise<void> {
  if (!stream.write(`${text}\n`)) await once(stream, 'drain');
}

async function countRecords(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    let count = 0;
    for await (const line of handle.readLines()) if (!isBlank(line)) count++;
    return count;
  } finally {
    await handle.close();
  }
}

/**
 * Runs `prismq-score` with `argv` (arguments only) against the given streams and resolves
 * to the exit code. Records are scored one line at a time, so memory stays flat for any
 * input size; results are written in input order.
 */
export async function runScoreCommand(
  argv: readonly string[],
  io: ScoreCommandIo,
): Promise<ScoreCommandExitCode> {
  let options;
  try {
    options = parseScoreCliOptions(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n${SCORE_CLI_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${SCORE_CLI_USAGE}\n`);
    return 0;
  }

  let total: number | undefined;
  let inputHandle: FileHandle | undefined;
  let output: Writable = io.stdout;
  let closeOutput = async (): Promise<void> => {};
  try {
    if (options.input !== undefined) {
      total = await countRecords(options.input);
      inputHandle = await open(options.input, 'r');
    }
    if (options.output !== undefined) {
      // The control panel's default target is output/results.jsonl under the run folder.
      await mkdir(dirname(options.output), { recursive: true });
      const stream = (await open(options.output, 'w')).createWriteStream();
      output = stream;
      closeOutput = async () => {
        stream.end();
        await once(stream, 'close');
      };
    }
  } catch (error) {
    await inputHandle?.close();
    io.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
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
    if (total !== undefined) io.stderr.write(`${progressLine(0, total)}\n`);
    for await (const rawLine of input) {
      lineNumber++;
      // Files saved by Windows tools may start with a byte-order mark, which JSON.parse rejects.
      const line = lineNumber === 1 && rawLine.startsWith('\uFEFF') ? rawLine.slice(1) : rawLine;
      if (isBlank(line)) continue;
      const result = scoreRecordLine(line);
      processed++;
      if (result.ok) {
        await writeLine(output, result.output);
      } else if (options.strict) {
        io.stderr.write(`error: line ${lineNumber}: ${result.reason}\n`);
        exitCode = 1;
        break;
      } else {
        skipped++;
        io.stderr.write(`warning: line ${lineNumber}: ${result.reason}; line skipped\n`);
      }
      if (total !== undefined && isProgressMilestone(processed, total)) {
        io.stderr.write(`${progressLine(processed, total)}\n`);
      }
    }
    if (skipped > 0) io.stderr.write(`warning: skipped ${skipped} of ${processed} records\n`);
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n`);
    exitCode = 1;
  } finally {
    await inputHandle?.close();
    await closeOutput();
  }
  return exitCode;
}
