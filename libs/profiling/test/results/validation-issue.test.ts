import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  firstIssue,
  formatOptionIssue,
  formatValidationIssue,
} from '../../src/results/validation-issue.js';

const Document = z.object({
  cases: z.array(z.object({ p50: z.number().nonnegative('must not be negative') })),
});
const Options = z.object({
  rounds: z.coerce.number().int().min(6, 'must be at least 6'),
  project: z.array(z.string()).min(1, 'is required'),
});

function issueOf(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be rejected');
  return firstIssue(parsed.error);
}

describe('formatValidationIssue', () => {
  it('names the dotted path of the field and the rule it broke', () => {
    const issue = issueOf(Document, { cases: [{ p50: 1 }, { p50: -1 }] });
    expect(formatValidationIssue(issue)).toBe('cases.1.p50: must not be negative');
  });

  it('names the value as a whole (root), or what the caller calls it, when there is no path', () => {
    const issue = issueOf(Document, 'text');
    expect(formatValidationIssue(issue)).toMatch(/^\(root\): /);
    expect(formatValidationIssue(issue, '(line)')).toMatch(/^\(line\): /);
  });
});

describe('formatOptionIssue', () => {
  it('names the option as the user spelled it, the value given and the rule', () => {
    const input = { rounds: '3', project: ['demo'] };
    expect(formatOptionIssue(issueOf(Options, input), input, '--')).toBe(
      'option --rounds ("3") must be at least 6',
    );
  });

  it('leaves out a value that is absent or not a single scalar', () => {
    const input = { rounds: 8, project: [] };
    expect(formatOptionIssue(issueOf(Options, input), input)).toBe('option project is required');
  });

  it('shows a value that looks like a flag as quoted data, not as an option', () => {
    const input = { rounds: '--upload-pack=x', project: ['demo'] };
    expect(formatOptionIssue(issueOf(Options, input), input, '--')).toMatch(
      /^option --rounds \("--upload-pack=x"\) /,
    );
  });
});
