import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/progress-line.js';
import { readProgressProtocol } from './progress-protocol.js';

const { grammar, examples } = readProgressProtocol();

/** The counts a line carries under the documented grammar and bounds; undefined when none. */
function countsUnderProtocol(
  line: string,
): { processed: number; total: number | null } | undefined {
  const match = grammar.exec(line);
  if (!match) return undefined;
  const processed = Number(match[1]);
  const total = match[2] === undefined ? null : Number(match[2]);
  if (!Number.isSafeInteger(processed) || (total !== null && !Number.isSafeInteger(total)))
    return undefined;
  return total !== null && processed > total ? undefined : { processed, total };
}

/** A line with its numbers blanked: the form a valid example shows. */
const formOf = (line: string): string => line.replace(/[0-9]+/g, 'N');
const validForms = new Set(
  examples.filter((example) => example.parse !== null).map((example) => formOf(example.line)),
);

const TOTALS = [
  0,
  1,
  2,
  3,
  7,
  10,
  99,
  100,
  101,
  999,
  1000,
  10_000,
  123_457,
  Number.MAX_SAFE_INTEGER,
];
function processedFor(total: number): number[] {
  const points = [0, 1, Math.floor(total / 3), Math.floor(total / 2), total - 1, total];
  return [...new Set(points.filter((n) => n >= 0 && n <= total))];
}

describe('progress lines follow docs/progress-protocol.md', () => {
  it('the documented grammar gives every example its documented counts', () => {
    expect(examples.length).toBeGreaterThan(10);
    for (const { line, parse } of examples)
      expect(countsUnderProtocol(line), line).toEqual(
        parse === null ? undefined : { processed: parse.processed, total: parse.total },
      );
  });

  it('every line with a total carries its numbers and has the form of a valid example', () => {
    for (const total of TOTALS)
      for (const processed of processedFor(total)) {
        const line = progressLine(processed, total);
        expect(countsUnderProtocol(line), line).toEqual({ processed, total });
        expect(validForms, line).toContain(formOf(line));
      }
  });

  it('every line without a total carries its count and has the form of a valid example', () => {
    for (const processed of [0, 1, 999, 1000, 2000, 123_457, Number.MAX_SAFE_INTEGER]) {
      const line = progressLine(processed);
      expect(countsUnderProtocol(line), line).toEqual({ processed, total: null });
      expect(validForms, line).toContain(formOf(line));
    }
  });

  it('leaves out a total the count has passed, which the protocol would refuse', () => {
    const line = progressLine(11, 10);
    expect(countsUnderProtocol(line), line).toEqual({ processed: 11, total: null });
  });
});
