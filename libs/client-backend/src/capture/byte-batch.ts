// Longest text copied by a JavaScript loop instead of Buffer#write.
const SHORT_TEXT = 128;

/**
 * Bytes appended piece by piece into one growing Buffer. Busy paths (log-file records,
 * SSE batches) encode many short pieces per line; joining them as strings first builds a
 * tree of intermediate strings per line that is flattened and encoded again on the way
 * out, and under a burst of output that garbage is what grows the heap. Writing the
 * pieces straight into bytes leaves one Buffer per batch.
 */
export class ByteBatch {
  private buffer: Buffer;
  private used = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(16, initialBytes));
  }

  /** Bytes appended so far. */
  get length(): number {
    return this.used;
  }

  /** Appends text known to be ASCII (field names, enum values, ISO times): one byte per character. */
  ascii(text: string): this {
    const count = text.length;
    this.reserve(count);
    // Pieces are mostly a few dozen characters, where a plain loop beats a call into C++.
    if (count <= SHORT_TEXT) {
      const buffer = this.buffer;
      const at = this.used;
      for (let i = 0; i < count; i++) buffer[at + i] = text.charCodeAt(i);
      this.used = at + count;
    } else {
      this.used += this.buffer.write(text, this.used, 'latin1');
    }
    return this;
  }

  /** Appends any text as UTF-8. */
  utf8(text: string): this {
    const count = text.length;
    // Three bytes per UTF-16 unit is the UTF-8 worst case, so the write is never cut short.
    this.reserve(count * 3);
    const buffer = this.buffer;
    const at = this.used;
    if (count <= SHORT_TEXT) {
      // Short ASCII text is copied by hand; the first other character hands the whole text
      // to the encoder, which overwrites what the loop wrote.
      let i = 0;
      while (i < count) {
        const code = text.charCodeAt(i);
        if (code > 0x7f) break;
        buffer[at + i] = code;
        i++;
      }
      if (i === count) {
        this.used = at + count;
        return this;
      }
    }
    this.used = at + buffer.write(text, at, 'utf8');
    return this;
  }

  /** Appends a non-negative integer in decimal without making a string of it. */
  integer(value: number): this {
    let digits = 1;
    for (let bound = 10; value >= bound && digits < 16; bound *= 10) digits++;
    this.reserve(digits);
    const buffer = this.buffer;
    let at = this.used + digits;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      buffer[--at] = 48 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
    this.used += digits;
    return this;
  }

  /**
   * The bytes appended so far. The view shares memory with the batch: it stays valid until
   * the next append after a {@link clear}, so a batch whose bytes go to an async write must
   * not be reused.
   */
  view(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  /** Forgets the bytes appended so far and reuses the Buffer. */
  clear(): void {
    this.used = 0;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
