// Builders of compare documents (the output of `prismq-bench compare`) for the tests.
import type { CompareCase, CompareDocument } from '@prismq/profiling';
import { runOf } from './run-document';

/** A full commit id made of one repeated hex digit. */
export const commitOf = (digit: string): string => digit.repeat(40);

/** One compared case; `ratio`, `low`, `high` as head/base. */
export function comparedCase(
  id: string,
  ratio: number,
  low: number,
  high: number,
  verdict: CompareCase['verdict'],
): CompareCase {
  return { id, ratio, low, high, verdict, baseP50: 2_000, headP50: 2_000 * ratio, rounds: 12 };
}

/** A compare document of `project`, measured on the fixture's machine unless told otherwise. */
export function compareOf(
  project: string,
  cases: CompareCase[],
  overrides: Partial<CompareDocument> = {},
): CompareDocument {
  return {
    schemaVersion: 1,
    project,
    createdAt: '2026-01-10T11:00:00.000Z',
    base: { ref: 'main', commit: commitOf('a') },
    head: { ref: 'HEAD', commit: commitOf('b'), dirty: false },
    environment: runOf(project, []).environment,
    method: {
      name: 'paired rounds, bootstrap of the median ratio',
      threshold: 0.02,
      confidence: 0.95,
    },
    cases,
    ...overrides,
  };
}

/** An A/A noise measurement: both sides the same clean commit. */
export function noiseOf(
  project: string,
  cases: CompareCase[],
  overrides: Partial<CompareDocument> = {},
): CompareDocument {
  const side = { ref: 'HEAD', commit: commitOf('c') };
  return compareOf(project, cases, { base: side, head: { ...side, dirty: false }, ...overrides });
}
