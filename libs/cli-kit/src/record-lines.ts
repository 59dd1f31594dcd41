/** One record of a JSON-lines input: its text and its 1-based line number in the input. */
export interface RecordLine {
  readonly text: string;
  readonly lineNumber: number;
}

/**
 * Largest piece of a chunk decoded at once. A pipe or file delivers 64 KiB chunks; decoding
 * and splitting them in small pieces keeps what is alive between two records (the piece and
 * its lines) to a few kilobytes, so almost nothing survives a young-generation collection and
 * the heap keeps its size however long the input is.
 */
const PIECE_BYTES = 4096;

function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/**
 * Reads the records of a JSON-lines byte stream one at a time, in order, as the stream is
 * consumed (pulling the next chunk only when the caller asks for the next record).
 *
 * Lines end at `\n`, `\r\n` or a lone `\r`, like Node's `readline`; a last line without a
 * line break counts. The text is UTF-8: a byte-order mark at the start is dropped (JSON.parse
 * rejects it) and a character split between two chunks is decoded whole. Blank lines are not
 * records and are not yielded, but they are counted, so `lineNumber` is the line a person sees
 * in an editor.
 */
export async function* readRecordLines(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<RecordLine, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const lineBreak = /\r\n|\r|\n/g;
  let pending = '';
  let lineNumber = 0;
  // The last piece ended with `\r`: a `\n` opening the next one belongs to the same break.
  let afterReturn = false;
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += PIECE_BYTES) {
      const text = decoder.decode(chunk.subarray(offset, offset + PIECE_BYTES), { stream: true });
      if (text.length === 0) continue;
      let start: number = afterReturn && text.startsWith('\n') ? 1 : 0;
      afterReturn = false;
      lineBreak.lastIndex = start;
      for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
        const line = pending + text.slice(start, match.index);
        pending = '';
        lineNumber++;
        start = match.index + match[0].length;
        afterReturn = start === text.length && match[0] === '\r';
        if (!isBlank(line)) yield { text: line, lineNumber };
      }
      pending += text.slice(start);
    }
  }
  pending += decoder.decode();
  if (pending.length > 0 && !isBlank(pending)) yield { text: pending, lineNumber: lineNumber + 1 };
}

/** How many records {@link readRecordLines} would yield for `source`: its non-blank lines. */
export async function countRecordLines(source: AsyncIterable<Uint8Array>): Promise<number> {
  let count = 0;
  for await (const _line of readRecordLines(source)) count++;
  return count;
}
