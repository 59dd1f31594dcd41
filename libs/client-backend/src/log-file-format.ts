import type { ByteBatch } from './byte-batch.js';
import type { LogLevel, LogLine, LogStream } from './log-line.js';

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
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const tab = record.indexOf('\t', start);
    if (tab === -1) return undefined;
    fields.push(record.slice(start, tab));
    start = tab + 1;
  }
  const [seqText, timeText, stream, level, truncated] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const seq = Number(seqText);
  const time = Date.parse(timeText);
  if (!Number.isInteger(seq) || seq < 1 || Number.isNaN(time)) return undefined;
  return {
    seq,
    time,
    stream: stream as LogStream,
    level: level as LogLevel,
    truncated: truncated === 'T',
    text: record.slice(start),
  };
}
