import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/capture/line-splitter.js';

function split(chunks: (string | Buffer)[], maxLength?: number): [string, boolean][] {
  const splitter = new LineSplitter(maxLength);
  const lines: [string, boolean][] = [];
  const sink = (text: string, truncated: boolean): void => {
    lines.push([text, truncated]);
  };
  for (const chunk of chunks) splitter.push(chunk, sink);
  splitter.end(sink);
  return lines;
}

describe('LineSplitter', () => {
  it('joins a line split across chunks', () => {
    expect(split(['hel', 'lo\nwor', 'ld\n'])).toEqual([
      ['hello', false],
      ['world', false],
    ]);
  });

  it('drops the carriage return of CRLF, also when \\r and \\n arrive in different chunks', () => {
    expect(split(['a\r\nb\r', '\nc\r\n'])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
  });

  it('keeps empty lines and emits a last line without newline at the end', () => {
    expect(split(['x\n\ny'])).toEqual([
      ['x', false],
      ['', false],
      ['y', false],
    ]);
  });

  it('decodes a UTF-8 character split between two chunks', () => {
    const bytes = Buffer.from('día\n', 'utf8');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual([['día', false]]);
  });

  it('cuts a line longer than the cap, marks it, and skips the rest of it', () => {
    const lines = split(['abcdefgh', 'ijkl\nnext\n'], 5);
    expect(lines).toEqual([
      ['abcde', true],
      ['next', false],
    ]);
  });

  it('cuts a long line that arrives whole in one chunk', () => {
    expect(split(['0123456789\nok\n'], 4)).toEqual([
      ['0123', true],
      ['ok', false],
    ]);
  });

  it('caps at 64 Ki characters by default', () => {
    const long = 'x'.repeat(70_000);
    const [first] = split([`${long}\n`]);
    expect(first?.[0].length).toBe(65_536);
    expect(first?.[1]).toBe(true);
  });
});
