import { StringDecoder } from 'node:string_decoder';

/** Longest line kept whole, in UTF-16 code units (64 Ki); longer lines are cut and marked. */
export const MAX_LINE_LENGTH = 65_536;

/** Receives each complete line; `truncated` when the line was cut at the cap. */
export type LineSink = (text: string, truncated: boolean) => void;

/**
 * Turns a stream of chunks into lines: joins lines split across chunks, drops the `\r` of
 * `\r\n`, decodes UTF-8 characters split across chunks, and cuts lines at a cap. Once a
 * partial line passes the cap its head is emitted and the rest is skipped up to the next
 * newline, so one endless line cannot grow memory.
 */
export class LineSplitter {
  private pending = '';
  private discarding = false;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly maxLength: number = MAX_LINE_LENGTH) {}

  /** Feeds one chunk; calls `sink` for each line it completes. */
  push(chunk: Buffer | string, sink: LineSink): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      if (this.discarding) {
        this.discarding = false;
        this.pending = '';
      } else {
        let line =
          this.pending.length > 0
            ? this.pending + text.slice(start, newline)
            : text.slice(start, newline);
        this.pending = '';
        if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        if (line.length > this.maxLength) sink(line.slice(0, this.maxLength), true);
        else sink(line, false);
      }
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length && !this.discarding) {
      this.pending += start === 0 ? text : text.slice(start);
      // One extra character allows a `\r` that belongs to a `\r\n` split across chunks.
      if (this.pending.length > this.maxLength + 1) {
        sink(this.pending.slice(0, this.maxLength), true);
        this.pending = '';
        this.discarding = true;
      }
    }
  }

  /** Emits a last line that had no newline, when the stream ends. */
  end(sink: LineSink): void {
    const rest = this.decoder.end();
    if (rest.length > 0) this.push(rest, sink);
    if (!this.discarding && this.pending.length > 0) {
      let line = this.pending;
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      sink(line.slice(0, this.maxLength), line.length > this.maxLength);
    }
    this.pending = '';
    this.discarding = false;
  }
}
