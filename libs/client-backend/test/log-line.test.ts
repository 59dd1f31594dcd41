import { describe, expect, it } from 'vitest';
import { detectLevel, parseProgress } from '../src/capture/log-line.js';
import { formatLogRecord, parseLogRecord } from '../src/capture/log-file-format.js';

describe('detectLevel', () => {
  it.each([
    ['ERROR: disk full', 'error'],
    ['[error] boom', 'error'],
    ['TypeError: x is undefined', 'error'],
    ['Traceback (most recent call last):', 'error'],
    ['WARNING: slow', 'warning'],
    ['[warn] slow', 'warning'],
    ['debug: value=1', 'debug'],
    ['INFO: started', 'info'],
    ['plain text', 'info'],
    ['errors were not found', 'info'],
    ['prismq-score: warning: line 2: title: Required; line skipped', 'warning'],
    ['prismq-classify: warning: skipped 1 of 3 records', 'warning'],
    ['@prismq/tool: [warn] slow', 'warning'],
    ['prismq-score: error: cannot read items.jsonl', 'error'],
    ['prismq-score: scored 3 records', 'info'],
    ['Processing: the warning list', 'info'],
    [`${'x'.repeat(70)}: warning: a name too long to be a program`, 'info'],
  ] as const)('%s → %s', (text, level) => {
    expect(detectLevel(text)).toBe(level);
  });
});

describe('parseProgress', () => {
  it('reads processed, total and percent', () => {
    expect(parseProgress('::progress processed=25 total=200')).toEqual({
      processed: 25,
      total: 200,
      percent: 12.5,
    });
  });
  it('accepts a line without total', () => {
    expect(parseProgress('::progress processed=3')).toEqual({
      processed: 3,
      total: null,
      percent: null,
    });
  });
  it('ignores other lines and malformed progress lines', () => {
    expect(parseProgress('progress processed=1 total=2')).toBeUndefined();
    expect(parseProgress('::progress processed=x total=2')).toBeUndefined();
  });
});

describe('log file records', () => {
  it('round-trips a line whose text holds tabs', () => {
    const line = {
      seq: 42,
      time: Date.parse('2026-01-02T03:04:05.678Z'),
      stream: 'stderr',
      level: 'warning',
      text: 'a\tb',
      truncated: true,
    } as const;
    const record = formatLogRecord(line, new Date(line.time).toISOString());
    expect(record.endsWith('\n')).toBe(true);
    expect(parseLogRecord(record.slice(0, -1))).toEqual(line);
  });
  it('rejects a torn record', () => {
    expect(parseLogRecord('12\t2026-01-02')).toBeUndefined();
  });
});
