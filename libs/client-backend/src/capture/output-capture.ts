import { ByteBatch } from './byte-batch.js';
import { appendLogRecord } from './log-file-format.js';
import { readLogLines, type LogFileWriter } from './log-file.js';
import {
  detectLevel,
  parseProgress,
  type LogLine,
  type LogStream,
  type Progress,
} from './log-line.js';
import { LineSplitter, MAX_LINE_LENGTH } from './line-splitter.js';
import { RingBuffer } from './ring-buffer.js';

/** How many lines a run keeps in memory unless told otherwise. */
export const DEFAULT_BUFFER_LINES = 10_000;
// A sparse seq → byte offset index lets readers that fell behind the memory buffer start
// reading the file near their position instead of at its start; one entry per this many lines.
const INDEX_EVERY_LINES = 1_000;

/** A line split elsewhere, without its number: what {@link OutputCapture.appendLines} takes. */
export interface SplitLine {
  /** The stream the line came from. */
  readonly stream: LogStream;
  /** The line without its line break. */
  readonly text: string;
  /** The original line was longer than the cap and was cut. */
  readonly truncated: boolean;
}

/** Settings of one run's {@link OutputCapture}. */
export interface OutputCaptureOptions {
  /** Receives every record; must have written it by the time `append` returns. */
  writer: LogFileWriter;
  /** Path of the same file, for reading back lines the memory buffer dropped. */
  filePath: string;
  /** Lines kept in memory (default 10,000). */
  bufferLines?: number;
  /** Called for each `::progress` line. */
  onProgress?: (progress: Progress) => void;
  /** Clock, ms since the epoch. */
  now?: () => number;
  /**
   * Sequence number of the first line (default 1): a capture taken over from a previous
   * process numbers on after the lines its file already holds.
   */
  firstSeq?: number;
}

/**
 * Captures one run's stdout and stderr: splits them into lines, numbers the lines with one
 * sequence, tags stream and level, appends every line to the log file, keeps the newest in a
 * ring buffer and tells subscribers that new lines exist. Subscribers pull lines with
 * `readAfter`, so a slow one never makes the capture hold more lines.
 */
export class OutputCapture {
  private nextSeq = 1;
  private readonly ring: RingBuffer<LogLine>;
  private readonly splitters: Record<LogStream, LineSplitter> = {
    stdout: new LineSplitter(),
    stderr: new LineSplitter(),
  };
  private readonly listeners = new Set<() => void>();
  private readonly indexSeqs: number[] = [1];
  private readonly indexOffsets: number[] = [0];
  private bytesWritten = 0;
  private ended = false;
  private readonly now: () => number;
  // Per-chunk state read by the line sinks; kept on the instance so no closure is made per chunk.
  private chunkTime = 0;
  private chunkIso = '';
  // Records of the current chunk; written with one write and then reused for the next chunk.
  private readonly batch = new ByteBatch();
  private readonly sinks: Record<LogStream, (text: string, truncated: boolean) => void>;

  constructor(private readonly options: OutputCaptureOptions) {
    this.ring = new RingBuffer<LogLine>(options.bufferLines ?? DEFAULT_BUFFER_LINES);
    this.nextSeq = options.firstSeq ?? 1;
    this.now = options.now ?? Date.now;
    this.sinks = {
      stdout: (text, truncated) => this.take('stdout', text, truncated),
      stderr: (text, truncated) => this.take('stderr', text, truncated),
    };
  }

  /** Sequence number of the newest line (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** True once `end` ran: no more lines will come. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Feeds one chunk of a stream. */
  write(stream: LogStream, chunk: Buffer | string): void {
    if (this.ended) return;
    this.chunkTime = this.now();
    this.chunkIso = new Date(this.chunkTime).toISOString();
    const firstSeq = this.nextSeq;
    this.splitters[stream].push(chunk, this.sinks[stream]);
    this.flushBatch(firstSeq);
  }

  /**
   * Takes lines another process already split (a queue worker's), numbering them on from the
   * newest line: a text over the cap is cut and marked, a line break inside one becomes a
   * space, so what arrives from elsewhere keeps the rules of lines split here.
   */
  appendLines(lines: Iterable<SplitLine>): void {
    if (this.ended) return;
    this.chunkTime = this.now();
    this.chunkIso = new Date(this.chunkTime).toISOString();
    const firstSeq = this.nextSeq;
    for (const line of lines) {
      let text =
        line.text.length > MAX_LINE_LENGTH ? line.text.slice(0, MAX_LINE_LENGTH) : line.text;
      if (text.includes('\n')) text = text.replaceAll('\n', ' ');
      this.take(line.stream, text, line.truncated || text.length < line.text.length);
    }
    this.flushBatch(firstSeq);
  }

  /** Emits lines left without a newline, closes the file and wakes subscribers a last time. */
  end(): void {
    if (this.ended) return;
    this.chunkTime = this.now();
    this.chunkIso = new Date(this.chunkTime).toISOString();
    const firstSeq = this.nextSeq;
    this.splitters.stdout.end(this.sinks.stdout);
    this.splitters.stderr.end(this.sinks.stderr);
    this.ended = true;
    this.flushBatch(firstSeq, true);
    this.options.writer.close();
  }

  /** Calls `listener` whenever lines arrive or the capture ends; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Lines with `seq > afterSeq`, oldest first, at most `limit`. Served from memory when the
   * buffer still holds them, else read from the log file.
   */
  async readAfter(afterSeq: number, limit: number): Promise<LogLine[]> {
    const fromMemory = this.readAfterFromMemory(afterSeq, limit);
    if (fromMemory !== undefined) return fromMemory;
    return readLogLines(this.options.filePath, {
      afterSeq,
      limit,
      fromOffset: this.offsetBefore(afterSeq + 1),
    });
  }

  /** Like {@link OutputCapture.readAfter} but only from memory; `undefined` when the buffer no longer holds `afterSeq + 1`. */
  readAfterFromMemory(afterSeq: number, limit: number): LogLine[] | undefined {
    const oldest = this.nextSeq - this.ring.size;
    if (afterSeq + 1 < oldest) return undefined;
    const from = Math.max(0, afterSeq + 1 - oldest);
    return this.ring.slice(from, from + limit);
  }

  /** The newest `count` lines, oldest first. */
  tail(count: number): Promise<LogLine[]> {
    return this.readAfter(Math.max(0, this.lastSeq - count), count);
  }

  private take(stream: LogStream, text: string, truncated: boolean): void {
    const line: LogLine = {
      seq: this.nextSeq++,
      time: this.chunkTime,
      stream,
      level: detectLevel(text),
      text,
      truncated,
    };
    this.ring.push(line);
    appendLogRecord(this.batch, line, this.chunkIso);
    if (this.options.onProgress !== undefined && text.startsWith('::progress')) {
      const progress = parseProgress(text);
      if (progress !== undefined) this.options.onProgress(progress);
    }
  }

  private flushBatch(firstSeq: number, always = false): void {
    if (this.batch.length > 0) {
      const lastIndexed = this.indexSeqs[this.indexSeqs.length - 1] ?? 1;
      if (firstSeq - lastIndexed >= INDEX_EVERY_LINES) {
        this.indexSeqs.push(firstSeq);
        this.indexOffsets.push(this.bytesWritten);
      }
      // The writer is synchronous, so the batch's memory is free again once it returns.
      this.options.writer.append(this.batch.view());
      this.bytesWritten += this.batch.length;
      this.batch.clear();
    } else if (!always) {
      return;
    }
    for (const listener of this.listeners) listener();
  }

  private offsetBefore(seq: number): number {
    let low = 0;
    let high = this.indexSeqs.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.indexSeqs[mid] ?? 0) <= seq) low = mid;
      else high = mid - 1;
    }
    return this.indexOffsets[low] ?? 0;
  }
}
