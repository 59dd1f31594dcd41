import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProgress } from '../src/capture/log-line.js';
import { readProgressProtocol } from './progress-protocol.js';

const { grammar, examples } = readProgressProtocol();

describe('parseProgress follows docs/progress-protocol.md', () => {
  it('gives every documented example its documented parse, valid and invalid', () => {
    expect(examples.some((example) => example.parse === null)).toBe(true);
    expect(examples.some((example) => example.parse !== null)).toBe(true);
    for (const { line, parse } of examples)
      expect(parseProgress(line), JSON.stringify(line)).toEqual(parse ?? undefined);
  });

  it('reads a line exactly when the documented grammar and bounds allow it', () => {
    // Lines built field by field, each part most often valid and sometimes bent out of shape.
    const mostly = <T>(valid: fc.Arbitrary<T>, bent: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: bent, weight: 1 });
    const count = mostly(
      fc.oneof(fc.nat({ max: 1_000 }), fc.bigInt({ min: 0n, max: 2n ** 54n })).map(String),
      fc.constantFrom(
        '',
        '00',
        '007',
        '-1',
        '+1',
        '1.5',
        'x',
        '1e3',
        '\u0663',
        '12345678901234567',
      ),
    );
    const line = fc
      .tuple(
        mostly(fc.constant('::progress'), fc.constantFrom('::Progress', ' ::progress', 'progress')),
        mostly(fc.constant(' '), fc.constantFrom('', '  ', '\t')),
        mostly(fc.constant('processed='), fc.constantFrom('processed', 'total=', 'Processed=')),
        count,
        fc.option(
          fc.tuple(
            mostly(fc.constant(' total='), fc.constantFrom(' total', '  total=', ' processed=')),
            count,
          ),
        ),
        mostly(
          fc.constantFrom('', ' ', '\t', ' \t'),
          fc.constantFrom('\u00a0', ' eta=3', '\r', '\n', 'x'),
        ),
      )
      .map(([head, gap, field, processed, total, tail]) =>
        [head, gap, field, processed, ...(total ?? []), tail].join(''),
      );
    fc.assert(
      fc.property(line, (text) => {
        const match = grammar.exec(text);
        const processed = Number(match?.[1]);
        const total = match?.[2] === undefined ? null : Number(match[2]);
        const allowed =
          match !== null &&
          Number.isSafeInteger(processed) &&
          (total === null || (Number.isSafeInteger(total) && processed <= total));
        const parsed = parseProgress(text);
        expect(parsed !== undefined, JSON.stringify(text)).toBe(allowed);
        if (parsed !== undefined) expect(parsed).toMatchObject({ processed, total });
      }),
      { numRuns: 5_000 },
    );
  });
});
