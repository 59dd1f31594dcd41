import { describe, expect, it } from 'vitest';
import { parseCompareDocument, ResultFileError } from '../../src/results/result-reader.js';
import { TEST_ENVIRONMENT as environment } from '../fixtures/test-environment.js';

const commit = 'a'.repeat(40);

function documentWith(cases: unknown[]): Record<string, unknown> {
  return {
    schemaVersion: 1,
    project: 'scoring',
    createdAt: '2026-11-30T10:00:00.000Z',
    base: { ref: 'main', commit },
    head: { ref: 'HEAD', commit, dirty: true },
    environment,
    method: { name: 'paired', threshold: 0.03, confidence: 0.95 },
    cases,
  };
}

const slowerCase = {
  id: 'scoring/text/score',
  ratio: 1.05,
  low: 1.04,
  high: 1.06,
  verdict: 'slower',
  baseP50: 1000,
  headP50: 1050,
  rounds: 12,
};

describe('compare documents', () => {
  it('reads a valid document', () => {
    const doc = parseCompareDocument(documentWith([slowerCase]));
    expect(doc.cases[0]?.verdict).toBe('slower');
    expect(doc.head.dirty).toBe(true);
  });

  it('rejects an unknown verdict, naming the field', () => {
    expect(() =>
      parseCompareDocument(documentWith([{ ...slowerCase, verdict: 'worse' }]), 'c.json'),
    ).toThrow(/c\.json: cases\.0\.verdict/);
  });

  it('rejects an unknown version', () => {
    const error = (() => {
      try {
        parseCompareDocument({ ...documentWith([]), schemaVersion: 7 });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ResultFileError);
    expect((error as ResultFileError).code).toBe('RESULT_FILE_UNKNOWN_VERSION');
  });

  it('rejects a short commit id', () => {
    expect(() =>
      parseCompareDocument({ ...documentWith([]), base: { ref: 'main', commit: 'abc' } }),
    ).toThrow(/base\.commit/);
  });
});
