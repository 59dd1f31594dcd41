import { ByteBatch } from '../capture/byte-batch.js';
import type { LogLine } from '../capture/log-line.js';
import type { RunRecord } from '../store/run-record.js';
import { formatSseEvent, type SseWriter } from './sse-writer.js';

/** Where a log stream takes its lines and run states from. */
export interface LogStreamSource {
  /** Lines after `afterSeq`, oldest first, at most `limit`. */
  readAfter(afterSeq: number, limit: number): Promise<LogLine[]>;
  /** Wakes the stream when lines arrive; returns the unsubscribe. */
  onLines(listener: () => void): () => void;
  /** Wakes the stream on each status change; returns the unsubscribe. */
  onStatus(listener: (run: RunRecord) => void): () => void;
  /** The run now. */
  current(): RunRecord;
  /** True once no more lines can come. */
  isEnded(): boolean;
}

/** Settings of one stream. */
export interface LogStreamOptions {
  /** Sequence number the client already has (from `Last-Event-ID`); 0 for everything. */
  afterSeq: number;
  /** Lines read and written per step. */
  batchLines?: number;
  keepAliveMs?: number;
}

/** Formats lines as SSE `log` events, each with the line's sequence number as its `id`, as UTF-8 bytes. */
export function formatLogEvents(lines: readonly LogLine[]): Buffer {
  // About 140 bytes of framing per event plus the text; a longer batch grows as it goes.
  let estimate = 0;
  for (const line of lines) estimate += 140 + line.text.length;
  const batch = new ByteBatch(estimate);
  // Lines of one output chunk share their capture time; format it once per run of equal times.
  let lastTime = Number.NaN;
  let lastIso = '';
  // The bytes are written field by field around one JSON.stringify of the text, the only
  // field that needs escaping: this is the hottest loop of a busy server, and an object or a
  // concatenated string per line is what grows its heap. The field order and content match
  // ApiLogLineSchema.
  for (const line of lines) {
    if (line.time !== lastTime) {
      lastTime = line.time;
      lastIso = new Date(line.time).toISOString();
    }
    batch
      .ascii('event: log\nid: ')
      .integer(line.seq)
      .ascii('\ndata: {"seq":')
      .integer(line.seq)
      .ascii(',"timestamp":"')
      .ascii(lastIso)
      .ascii(
        line.stream === 'stdout'
          ? '","stream":"stdout","level":"'
          : '","stream":"stderr","level":"',
      )
      .ascii(line.level)
      .ascii('","text":')
      .utf8(JSON.stringify(line.text))
      .ascii(line.truncated ? ',"truncated":true}\n\n' : ',"truncated":false}\n\n');
  }
  return batch.view();
}

/**
 * Streams a run's log as SSE until the run ends or the client leaves. The stream keeps only
 * a cursor (the last sequence sent): when lines arrive it reads the next batch from the
 * capture (memory or file) and writes it, then waits for `drain` before the next batch. A
 * slow client therefore only delays its own cursor; nothing piles up in the server.
 */
export async function streamRunLog(
  writer: SseWriter,
  source: LogStreamSource,
  options: LogStreamOptions,
): Promise<void> {
  const batchLines = options.batchLines ?? 1_000;
  let cursor = options.afterSeq;
  let wake: (() => void) | undefined;
  let pending = true;
  const poke = (): void => {
    pending = true;
    wake?.();
  };
  const stopLines = source.onLines(poke);
  const stopStatus = source.onStatus((run) => {
    writer.write(formatSseEvent({ event: 'status', data: JSON.stringify(run) }));
    poke();
  });
  const keepAlive = setInterval(() => writer.comment('keep-alive'), options.keepAliveMs ?? 15_000);
  keepAlive.unref();
  try {
    writer.write(formatSseEvent({ event: 'status', data: JSON.stringify(source.current()) }));
    while (!writer.isClosed) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (pending || writer.isClosed) resolve();
        });
        wake = undefined;
        if (writer.isClosed) break;
      }
      pending = false;
      // Read `isEnded` before reading lines: lines written before the end are then sure to be seen.
      const ended = source.isEnded();
      const lines = await source.readAfter(cursor, batchLines);
      if (lines.length > 0) {
        cursor = lines[lines.length - 1]?.seq ?? cursor;
        if (!writer.write(formatLogEvents(lines))) await writer.drained();
        pending = true;
        continue;
      }
      if (ended) {
        writer.write(formatSseEvent({ event: 'complete', data: JSON.stringify(source.current()) }));
        break;
      }
    }
  } finally {
    clearInterval(keepAlive);
    stopLines();
    stopStatus();
    writer.end();
  }
}
