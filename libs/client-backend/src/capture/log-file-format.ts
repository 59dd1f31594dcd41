import type { ByteBatch } from './byte-batch.js';
import type { LogLevel, LogLine } from './log-line.js';

// One record per line, tab separated, text last: lines are already split on `\n`, so the
// text can hold tabs but never a newline, and the file stays readable as plain text.

/**
 * Formats a line as one record of the run's log file, newline included. `isoTime` is the
 * line's time already formatted: lines of one chunk share it, so it is formatted once.
 */
export function formatLogRecord(line: LogLine, isoTime: string): string {
  return `${line.seq}\t${isoTime}\t${line.stream}\t${line.level}\t${line.truncated ? 'T' : '-'}\t${line.text}\n`;
}

/** Appends the same bytes as {@link formatLogRecord} to `batch`, without building the record as a string. */
export function appendLogRecord(batch: ByteBatch, line: LogLine, isoTime: string): void {
  batch
    .integer(line.seq)
    .ascii('\t')
    .ascii(isoTime)
    .ascii(line.stream === 'stdout' ? '\tstdout\t' : '\tstderr\t')
    .ascii(line.level)
    .ascii(line.truncated ? '\tT\t' : '\t-\t')
    .utf8(line.text)
    .ascii('\n');
}

/** Reads one record back; `undefined` when the record is malformed (e.g. a torn last write). */
export function parseLogRecord(record: string): LogLine | undefined {
  // Field by field with indexOf: a finished run's stream parses every record of its file,
  // so no array of fields is made per record.
  const seqEnd = record.indexOf('\t');
  const timeEnd = seqEnd === -1 ? -1 : record.indexOf('\t', seqEnd + 1);
  const streamEnd = timeEnd === -1 ? -1 : record.indexOf('\t', timeEnd + 1);
  const levelEnd = streamEnd === -1 ? -1 : record.indexOf('\t', streamEnd + 1);
  const truncatedEnd = levelEnd === -1 ? -1 : record.indexOf('\t', levelEnd + 1);
  if (truncatedEnd === -1) return undefined;
  const seq = Number(record.slice(0, seqEnd));
  const time = Date.parse(record.slice(seqEnd + 1, timeEnd));
  if (!Number.isInteger(seq) || seq < 1 || Number.isNaN(time)) return undefined;
  return {
    seq,
    time,
    stream: record.startsWith('stderr', timeEnd + 1) ? 'stderr' : 'stdout',
    level: levelAt(record, streamEnd + 1),
    truncated: record.charCodeAt(levelEnd + 1) === 84, // 'T'
    text: record.slice(truncatedEnd + 1),
  };
}

// The four levels differ in their first letter, so one character tells them apart without
// slicing a string per record.
function levelAt(record: string, at: number): LogLevel {
  switch (record.charCodeAt(at)) {
    case 101: // e
      return 'error';
    case 119: // w
      return 'warning';
    case 100: // d
      return 'debug';
    default:
      return 'info';
  }
}
