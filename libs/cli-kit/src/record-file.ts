import { open, type FileHandle } from 'node:fs/promises';
import { countRecordLines, readRecordLines, type RecordLine } from './record-lines.js';

/** A command's `--input` file cannot be opened or read. */
export class RecordFileError extends Error {
  /** Always `CLI_INPUT_UNREADABLE`. */
  readonly code = 'CLI_INPUT_UNREADABLE' as const;
  /** The file as the command line named it. */
  readonly path: string;

  constructor(path: string, cause: unknown) {
    super(`cannot read "${path}": ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'RecordFileError';
    this.path = path;
  }
}

/** A JSON-lines input file, opened and counted, ready to be read once. */
export interface RecordFile {
  /** Its records (non-blank lines) when it was counted. */
  readonly total: number;
  /** Its records from the start, read as the caller consumes them. */
  lines(): AsyncGenerator<RecordLine, void, undefined>;
  /** Closes the file; the lines must not be read afterwards. */
  close(): Promise<void>;
}

/**
 * Opens `path` and counts its records (a first pass, so that progress can carry the total).
 * @throws {@link RecordFileError} naming the file when it cannot be opened or read.
 */
export async function openRecordFile(path: string): Promise<RecordFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new RecordFileError(path, error);
  }
  const read = (): AsyncIterable<Uint8Array> =>
    handle.createReadStream({ start: 0, autoClose: false }) as AsyncIterable<Uint8Array>;
  let total: number;
  try {
    total = await countRecordLines(read());
  } catch (error) {
    await handle.close();
    throw new RecordFileError(path, error);
  }
  return { total, lines: () => readRecordLines(read()), close: () => handle.close() };
}
