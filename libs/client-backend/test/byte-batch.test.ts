import { describe, expect, it } from 'vitest';
import { ByteBatch } from '../src/capture/byte-batch.js';
import {
  appendLogRecord,
  formatLogRecord,
  parseLogRecord,
} from '../src/capture/log-file-format.js';
import type { LogLine } from '../src/capture/log-line.js';

describe('ByteBatch', () => {
  it('appends ASCII, UTF-8 and integers as the bytes of the joined text, growing past its start size', () => {
    const batch = new ByteBatch(16);
    let expected = '';
    for (const value of [0, 7, 10, 99, 1_000, 65_536, 9_007_199_254_740_991]) {
      batch.ascii('n=').integer(value).utf8(' é€🚀\n');
      expected += `n=${value} é€🚀\n`;
    }
    expect(batch.length).toBe(Buffer.byteLength(expected));
    expect(batch.view().toString('utf8')).toBe(expected);
  });

  it('encodes texts longer than the hand-copied size, ASCII or not', () => {
    const batch = new ByteBatch(16);
    const long = 'a'.repeat(300);
    const mixed = `${'b'.repeat(100)}é${'c'.repeat(100)}`;
    const lateUnicode = `${'d'.repeat(127)}€`;
    batch.ascii(long).utf8(long).utf8(mixed).utf8(lateUnicode);
    expect(batch.view().toString('utf8')).toBe(long + long + mixed + lateUnicode);
  });

  it('starts over after clear', () => {
    const batch = new ByteBatch(16);
    batch.ascii('first batch that outgrows the start size');
    batch.clear();
    batch.ascii('second');
    expect(batch.view().toString('latin1')).toBe('second');
  });
});

describe('appendLogRecord', () => {
  const lines: LogLine[] = [
    { seq: 1, time: 0, stream: 'stdout', level: 'info', text: '', truncated: false },
    {
      seq: 123_456,
      time: 1_700_000_000_000,
      stream: 'stderr',
      level: 'error',
      text: 'ERROR:\tünïcødé € 🚀',
      truncated: true,
    },
    { seq: 10, time: 5, stream: 'stdout', level: 'warning', text: 'WARN x', truncated: false },
  ];

  it('writes the same bytes as formatLogRecord, and they parse back', () => {
    const batch = new ByteBatch(8);
    let expected = '';
    for (const line of lines) {
      const iso = new Date(line.time).toISOString();
      appendLogRecord(batch, line, iso);
      expected += formatLogRecord(line, iso);
    }
    const text = batch.view().toString('utf8');
    expect(text).toBe(expected);
    expect(text.split('\n').slice(0, -1).map(parseLogRecord)).toEqual(lines);
  });
});
