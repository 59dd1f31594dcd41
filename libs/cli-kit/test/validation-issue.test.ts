import { describe, expect, it } from 'vitest';
import { formatValidationIssue } from '../src/validation-issue.js';

describe('formatValidationIssue', () => {
  it('names the field by its dotted path, then the rule', () => {
    // The shape of a zod issue: the path holds keys and array indexes.
    const issue = { path: ['metadata', 'views', 1], message: 'expected number, received string' };
    expect(formatValidationIssue(issue)).toBe('metadata.views.1: expected number, received string');
  });

  it('names an issue about the whole value "(root)", or the word the caller gives', () => {
    const issue = { path: [], message: 'expected an object' };
    expect(formatValidationIssue(issue)).toBe('(root): expected an object');
    expect(formatValidationIssue(issue, 'record')).toBe('record: expected an object');
  });
});
