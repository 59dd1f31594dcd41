import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LogLine } from './log-line.js';
import { parseLogRecord } from './log-file-format.js';
import { RingBuffer } from './ring-buffer.js';

/** Where a run's log records go. */
export interface LogFileWriter {
  /** Appends text or bytes; returns once they are in the file, so readers always see them. */
  append(data: string | Uint8Array): void;
  close(): void;
}

/**
 * Opens a log file for appending with synchronous writes: one write per output chunk (not per
 * line) keeps the cost low, and a line that was handed to a subscriber is already on disk, so
 * a reader that falls behind the memory buffer can always find it in the file.
 */
export function openLogFile(path: string): LogFileWriter {
  const fd = openSync(path, 'a');
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
  const out: LogLine[] = [];
  let offset = start;
  let nextOffset = start;
  if (options.limit <= 0) return { lines: out, nextOffset };
  const input = createReadStream(path, { encoding: 'utf8', start });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const record of lines) {
      // One separator byte per record: a `\r\n` inside a text counts one byte short, which
      // keeps the offset at or before the true boundary.
      offset += Buffer.byteLength(record) + 1;
      const line = parseLogRecord(record);
      if (line === undefined || line.seq <= options.afterSeq) continue;
      out.push(line);
      nextOffset = offset;
      if (out.length >= options.limit) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return { lines: out, nextOffset };
}

/** The newest `count` lines of a log file and how many lines it holds in all. */
export async function readLogTail(
  path: string,
  count: number,
): Promise<{ lines: LogLine[]; totalLines: number }> {
  const ring = new RingBuffer<LogLine>(Math.max(1, count));
  let totalLines = 0;
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const record of lines) {
      const line = parseLogRecord(record);
      if (line === undefined) continue;
      totalLines = Math.max(totalLines, line.seq);
      ring.push(line);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return { lines: count > 0 ? ring.slice(0) : [], totalLines };
}
