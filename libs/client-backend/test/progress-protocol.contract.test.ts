import { describe, expect, it } from 'vitest';
import { parseProgress } from '../src/log-line.js';
import { readProgressProtocol } from './progress-protocol.js';

const { grammar, examples } = readProgressProtocol();

describe('parseProgress follows docs/progress-protocol.md', () => {
  it('gives every documented example its documented parse, valid and invalid', () => {
    expect(examples.some((example) => example.parse === null)).toBe(true);
    expect(examples.some((example) => example.parse !== null)).toBe(true);
    for (const { line, parse } of examples)
      expect(parseProgress(line), JSON.stringify(line)).toEqual(parse ?? undefined);
  });

  it('accepts only lines of the documented grammar', () => {
    for (const { line } of examples)
      if (!grammar.test(line)) expect(parseProgress(line), JSON.stringify(line)).toBeUndefined();
  });
});
