import { describe, expect, it } from 'vitest';
import { isProgressMilestone, progressLine } from '../src/progress-line.js';

describe('progress lines', () => {
  it('uses the exact form the control panel parses', () => {
    expect(progressLine(5, 10)).toBe('::progress processed=5 total=10');
    expect(progressLine(5)).toBe('::progress processed=5');
  });

  it('reports about once per percent on large runs, always including the last record', () => {
    const total = 10_000;
    const due = Array.from({ length: total }, (_, i) => i + 1).filter((n) =>
      isProgressMilestone(n, total),
    );
    expect(due).toHaveLength(100);
    expect(due[0]).toBe(100);
    expect(due.at(-1)).toBe(total);
  });

  it('reports every thousand records when the total is unknown', () => {
    const due = Array.from({ length: 3500 }, (_, i) => i + 1).filter((n) => isProgressMilestone(n));
    expect(due).toEqual([1000, 2000, 3000]);
  });

  it('reports every record on small runs', () => {
    expect([1, 2, 3].every((n) => isProgressMilestone(n, 3))).toBe(true);
  });
});
