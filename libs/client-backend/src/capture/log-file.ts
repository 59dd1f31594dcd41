import {
  closeSync,
  createReadStream,
  fstatSync,
  openSync,
  read,
  readSync,
  writeSync,
} from 'node:fs';
import type { LogLine } from './log-line.js';
import { parseLogRecord } from './log-file-format.js';
import { LineSplitter, MAX_LINE_LENGTH } from './line-splitter.js';

/** Where a run's log records go. */
export interface LogFileWriter {
  /**
   * Appends text or bytes; returns once they are in the file, so readers always see them.
   * Bytes are lent for the call only: the capture reuses their memory for its next chunk.
   */
  append(data: string | Uint8Array): void;
  /** Closes the file; nothing may be appended after. */
  close(): void;
}

/**
 * Opens a log file for appending with synchronous writes: one write per output chunk (not per
 * line) keeps the cost low, and a line that was handed to a subscriber is already on disk, so
 * a reader that falls behind the memory buffer can always find it in the file.
 */
export function openLogFile(path: string): LogFileWriter {
  const fd = openSync(path, 'a', 0o600);
  let open = true;
  return {
    append(data) {
      if (!open) return;
      if (typeof data === 'string') {
        writeSync(fd, data);
        return;
      }
      // writeSync may write fewer bytes than asked (a full disk, a pipe); keep going.
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** A page of a log file and where the next page starts. */
export interface LogPage {
  lines: LogLine[];
  /**
   * Byte offset just past the last line of `lines` (or where reading started when it is
   * empty). It may fall short of the exact boundary, never past it, so starting the next
   * read there is always safe: at worst a torn record is read first and skipped.
   */
  nextOffset: number;
}

/** Lines with `seq > afterSeq`, oldest first, at most `limit`; reading may start at a byte offset. */
export async function readLogLines(
  path: string,
  options: { afterSeq: number; limit: number; fromOffset?: number },
): Promise<LogLine[]> {
  return (await readLogPage(path, options)).lines;
}

/**
 * Like {@link readLogLines}, and also says where the page ended, so a reader paging through
 * a finished run starts each page where the last one stopped instead of re-reading the file
 * from its start (which made streaming a finished run quadratic in its length).
 */
export async function readLogPage(
  path: string,
  options: { afterSeq: number; limit: number; fromOffset?: number },
): Promise<LogPage> {
  const start = options.fromOffset ?? 0;
  const lines: LogLine[] = [];
  let offset = start;
  let nextOffset = start;
  if (options.limit <= 0) return { lines, nextOffset };
  await forEachRecord(path, start, (record) => {
    // One separator byte per record: a `\r\n` ending a text counts one byte short, which
    // keeps the offset at or before the true boundary.
    offset += Buffer.byteLength(record) + 1;
    const line = parseLogRecord(record);
    if (line === undefined || line.seq <= options.afterSeq) return true;
    lines.push(line);
    nextOffset = offset;
    return lines.length < options.limit;
  });
  return { lines, nextOffset };
}

// A record is a line of at most MAX_LINE_LENGTH units plus its fields.
const MAX_RECORD_LENGTH = MAX_LINE_LENGTH + 128;
// The same in bytes: a UTF-16 unit takes at most three UTF-8 bytes.
const MAX_RECORD_BYTES = MAX_RECORD_LENGTH * 3;
const TAIL_CHUNK_BYTES = 64 * 1024;
const TAIL_FIRST_CHUNK_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

// Tails usually fit in the first chunk or two: that much is read synchronously, which costs
// less than a trip through the thread pool; longer tails continue asynchronously.
const TAIL_SYNC_BYTES = 1024 * 1024;

/**
 * The newest `count` lines of a log file and how many lines it holds in all (the seq of its
 * last record: seqs count up from 1 without gaps). Reads the file backwards in chunks, so the
 * cost depends on `count`, not on the size of the log. Newline bytes never occur inside a
 * UTF-8 sequence, so records are split on raw bytes.
 */
export async function readLogTail(
  path: string,
  count: number,
): Promise<{ lines: LogLine[]; totalLines: number }> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], totalLines: 0 };
    throw error;
  }
  try {
    const newestFirst: LogLine[] = [];
    const want = Math.max(1, count);
    let position = fstatSync(fd).size;
    let bytesSoFar = 0;
    // Bytes of the record that begins before `position` and was cut by the last read.
    let carry: Buffer = Buffer.alloc(0);
    // Start small (a short tail fits in a few KiB) and double up to the full chunk size.
    let chunkBytes = TAIL_FIRST_CHUNK_BYTES;
    while (position > 0 && newestFirst.length < want) {
      const size = Math.min(chunkBytes, position);
      chunkBytes = Math.min(chunkBytes * 2, TAIL_CHUNK_BYTES);
      position -= size;
      const chunk = Buffer.allocUnsafe(size);
      const bytesRead =
        bytesSoFar < TAIL_SYNC_BYTES
          ? readSync(fd, chunk, 0, size, position)
          : (await readAt(fd, chunk, position)).bytesRead;
      bytesSoFar += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([chunk.subarray(0, bytesRead), carry]) : chunk;
      let end = data.length;
      for (let at = end - 1; at >= 0 && newestFirst.length < want; at--) {
        if (data[at] !== NEWLINE) continue;
        collect(data, at + 1, end, newestFirst);
        end = at;
      }
      if (newestFirst.length >= want) break;
      carry = Buffer.from(data.subarray(0, end));
      // A record longer than any the capture writes is garbage; do not grow without bound.
      if (carry.length > MAX_RECORD_BYTES) carry = Buffer.alloc(0);
    }
    if (position === 0 && newestFirst.length < want) collect(carry, 0, carry.length, newestFirst);
    const totalLines = newestFirst[0]?.seq ?? 0;
    const lines = count > 0 ? newestFirst.slice(0, count).reverse() : [];
    return { lines, totalLines };
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, buffer: Buffer, position: number): Promise<{ bytesRead: number }> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, 0, buffer.length, position, (error, bytesRead) =>
      error ? reject(error) : resolve({ bytesRead }),
    ),
  );
}

function collect(data: Buffer, start: number, end: number, into: LogLine[]): void {
  if (end <= start) return;
  const line = parseLogRecord(data.toString('utf8', start, end));
  if (line !== undefined) into.push(line);
}

/**
 * Calls `visit` with each record from byte `start` on until it returns false or the file
 * ends; a missing file has no records. Reading whole chunks and splitting them with the
 * capture's own splitter costs one await per 64 KiB, where an async line iterator costs
 * one per record, and a finished run's stream reads its whole file this way.
 */
async function forEachRecord(
  path: string,
  start: number,
  visit: (record: string) => boolean,
): Promise<void> {
  const splitter = new LineSplitter(MAX_RECORD_LENGTH);
  let going = true;
  const sink = (record: string): void => {
    if (going) going = visit(record);
  };
  const input = createReadStream(path, { start });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      splitter.push(chunk, sink);
      if (!going) return;
    }
    splitter.end(sink);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    input.destroy();
  }
}
