import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { countRecordLines, readRecordLines, type RecordLine } from '../src/record-lines.js';

/** A byte stream that delivers `chunks` exactly as given. */
const bytes = (...chunks: (string | Uint8Array)[]): Readable =>
  Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));

async function read(source: Readable): Promise<RecordLine[]> {
  const lines: RecordLine[] = [];
  for await (const line of readRecordLines(source)) lines.push(line);
  return lines;
}

describe('readRecordLines', () => {
  it('yields non-blank lines with their line numbers, counting the blank ones', async () => {
    expect(await read(bytes('{"a":1}\n\n   \n{"b":2}\n{"c":3}'))).toEqual([
      { text: '{"a":1}', lineNumber: 1 },
      { text: '{"b":2}', lineNumber: 4 },
      { text: '{"c":3}', lineNumber: 5 },
    ]);
  });

  it('ends lines at LF, CRLF and a lone CR, also when a CRLF is split between chunks', async () => {
    expect(await read(bytes('a\r\nb\rc\r', '\nd\n'))).toEqual([
      { text: 'a', lineNumber: 1 },
      { text: 'b', lineNumber: 2 },
      { text: 'c', lineNumber: 3 },
      { text: 'd', lineNumber: 4 },
    ]);
  });

  it('drops a byte-order mark at the start only', async () => {
    expect(await read(bytes('\uFEFF{"a":1}\n\uFEFF{"b":2}\n'))).toEqual([
      { text: '{"a":1}', lineNumber: 1 },
      { text: '\uFEFF{"b":2}', lineNumber: 2 },
    ]);
  });

  it('joins a line and a character split between chunks', async () => {
    const text = Buffer.from('{"title":"Straße 東京 🎮"}\n');
    const cuts = [3, 15, 17, 24, 26]; // inside ß, 東 and 🎮
    const chunks = [0, ...cuts].map((start, i) => text.subarray(start, cuts[i] ?? text.length));
    expect(await read(bytes(...chunks))).toEqual([
      { text: '{"title":"Straße 東京 🎮"}', lineNumber: 1 },
    ]);
  });

  it('decodes a character that straddles two pieces of one large chunk', async () => {
    // 7 bytes, then 2-byte characters: a piece boundary at an odd offset falls inside one.
    const line = `{"t":"x${'é'.repeat(5000)}"}`;
    expect(await read(bytes(`${line}\n`))).toEqual([{ text: line, lineNumber: 1 }]);
  });

  it('reads lines longer than a chunk and chunks of many lines alike', async () => {
    const long = `{"t":"${'x'.repeat(100_000)}"}`;
    const many = Array.from({ length: 5000 }, (_, i) => `{"i":${i}}`).join('\n');
    const lines = await read(bytes(`${long}\n${many}\n`));
    expect(lines).toHaveLength(5001);
    expect(lines[0]).toEqual({ text: long, lineNumber: 1 });
    expect(lines.at(-1)).toEqual({ text: '{"i":4999}', lineNumber: 5001 });
  });

  it('pulls the source only as records are asked for', async () => {
    let delivered = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        await new Promise(setImmediate);
        delivered++;
        yield Buffer.from(`{"i":${i}}\n`);
      }
    }
    const lines = readRecordLines(source());
    await lines.next();
    await lines.next();
    expect(delivered).toBeLessThanOrEqual(3);
    await lines.return();
  });
});

describe('countRecordLines', () => {
  it('counts the records readRecordLines yields', async () => {
    expect(await countRecordLines(bytes('a\n\n b \r\n\r\n', 'c'))).toBe(3);
    expect(await countRecordLines(bytes(''))).toBe(0);
  });
});
