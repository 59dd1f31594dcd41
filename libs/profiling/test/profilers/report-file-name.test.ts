import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNamePart, reportStem } from '../../src/profilers/report-file-name.js';

describe('report file names', () => {
  const at = new Date('2026-11-24T14:00:00.123Z');

  it('puts the pid and a counter after the timestamp, so equal names and times never collide', () => {
    const first = reportStem('/reports/cpu', 'rank', at);
    const second = reportStem('/reports/cpu', 'rank', at);
    expect(basename(first)).toMatch(
      new RegExp(`^rank_2026-11-24T14-00-00-123Z_${process.pid}-\\d+$`),
    );
    expect(second).not.toBe(first);
  });

  it('keeps a derived name inside the folder: separators, NUL and control characters become _', () => {
    const stem = reportStem('/reports/cpu', 'Store.../../etc/passwd\u0000\n', at);
    expect(dirname(stem)).toBe('/reports/cpu');
    expect(fileNamePart('a/b\\c\u0000d\u001fe')).toBe('a_b_c_d_e');
    expect(fileNamePart('x'.repeat(500))).toHaveLength(120);
  });
});
