import { ClassificationError, InputUnreadableError } from './classification-error.js';
import { CLI_HELP, parseCliOptions } from './cli-options.js';
import { classifyJsonLines } from './jsonl-classification.js';
import { TextClassifier } from './text-classifier.js';

/** The outside world of the CLI, passed in so that tests can drive it. */
export interface CliIo {
  /** Reads all of stdin as UTF-8. */
  readonly readStdin: () => Promise<string>;
  /** Reads a file as UTF-8. */
  readonly readFile: (path: string) => Promise<string>;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

/**
 * Runs `prismq-classify` with `argv` (arguments after the script) and returns the exit code:
 * 0 done (malformed lines reported and skipped), 1 stopped by `--strict` or unreadable
 * input, 2 bad command line or tables.
 */
export async function runClassifyCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliOptions(argv);
    if (options.help) {
      io.stdout(CLI_HELP.trimEnd());
      return 0;
    }
    const tables =
      options.tables === undefined
        ? undefined
        : parseJsonFile(options.tables, await readOrFail(io, options.tables));
    const classifier = new TextClassifier({
      ...(tables === undefined ? {} : { tables }),
      ...(options.threshold === undefined ? {} : { storyThreshold: options.threshold }),
    });
    const text =
      options.input === undefined ? await io.readStdin() : await readOrFail(io, options.input);
    const summary = classifyJsonLines(
      text,
      classifier,
      { out: io.stdout, err: io.stderr },
      { strict: options.strict },
    );
    if (summary.stopped) {
      io.stderr(
        `stopped at line ${summary.malformedLines[summary.malformedLines.length - 1]} (--strict)`,
      );
      return 1;
    }
    if (summary.malformedLines.length > 0) {
      io.stderr(
        `classified ${summary.classified} of ${summary.total} records; skipped ${summary.malformedLines.length} malformed line(s)`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ClassificationError)) throw error;
    io.stderr(`prismq-classify: ${error.message}`);
    if (error.code === 'INPUT_UNREADABLE') return 1;
    io.stderr('Run prismq-classify --help for usage.');
    return 2;
  }
}

async function readOrFail(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new InputUnreadableError(path, error instanceof Error ? error.message : String(error));
  }
}

function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputUnreadableError(
      path,
      `invalid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
