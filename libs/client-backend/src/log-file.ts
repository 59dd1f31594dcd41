import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LogLine } from './log-line.js';
import { parseLogRecord } from './log-file-format.js';
import { RingBuffer } from './ring-buffer.js';

/** Where a run's log records go. */
export interface LogFileWriter {
  /** Appends text; returns once the bytes are in the file, so readers always see them. */
  append(text: string): void;
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
    append(text) {
      if (open) writeSync(fd, text);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Lines with `seq > afterSeq`, oldest first, at most `limit`; reading may start at a byte offset. */
export async function readLogLines(
  path: string,
  options: { afterSeq: number; limit: number; fromOffset?: number },
): Promise<LogLine[]> {
  const out: LogLine[] = [];
  if (options.limit <= 0) return out;
  const input = createReadStream(path, { encoding: 'utf8', start: options.fromOffset ?? 0 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const record of lines) {
      const line = parseLogRecord(record);
      if (line === undefined || line.seq <= options.afterSeq) continue;
      out.push(line);
      if (out.length >= options.limit) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return out;
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
