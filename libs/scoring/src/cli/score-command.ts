import { once } from 'node:events';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { openRecordFile, readRecordLines, runRecordLoop, type RecordFile } from '@prismq/cli-kit';
import { parseScoreCliOptions, SCORE_CLI_USAGE, ScoringCliUsageError } from './cli-options.js';
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

/** Opens `--output` (creating its folder) as a stream and says how to finish it. */
async function openOutput(path: string): Promise<{ stream: Writable; close(): Promise<void> }> {
  // The control panel's default target is output/results.jsonl under the run folder.
  const handle = await mkdir(dirname(path), { recursive: true })
    .then(() => open(path, 'w'))
    .catch((error: Error) => {
      throw new Error(`cannot write "${path}": ${error.message}`);
    });
  const stream = handle.createWriteStream();
  return {
    stream,
    close: async () => {
      stream.end();
      await once(stream, 'close');
    },
  };
}

/**
 * Runs `prismq-score` with `argv` (arguments only) against the given streams and resolves
 * to the exit code. Records are read, scored and written one line at a time, waiting for a
 * full output to drain, so memory stays flat for any input size; results are written in
 * input order.
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

  let input: RecordFile | undefined;
  let output: { stream: Writable; close(): Promise<void> } | undefined;
  try {
    if (options.input !== undefined) input = await openRecordFile(options.input);
    if (options.output !== undefined) output = await openOutput(options.output);
  } catch (error) {
    await input?.close();
    report(`${CLI}: error: ${(error as Error).message}`);
    return 1;
  }
  try {
    return await runRecordLoop({
      command: CLI,
      lines: input?.lines() ?? readRecordLines(io.stdin),
      handle: scoreRecordLine,
      output: output?.stream ?? io.stdout,
      report,
      strict: options.strict,
      ...(input === undefined ? {} : { total: input.total }),
    });
  } finally {
    await input?.close();
    await output?.close();
  }
}
