import { describe, expect, it } from 'vitest';
import {
  analyseComparison,
  compareExitCode,
  compareKind,
  type ProjectMeasurement,
} from '../../src/compare/compare-analysis.js';
import { CompareDocumentSchema } from '../../src/results/compare-document-schema.js';
import { TEST_ENVIRONMENT as environment } from '../fixtures/test-environment.js';

const rounds = (ratio: number) =>
  Array.from({ length: 8 }, (_, i) => ({
    base: [1000 + i, 1001 + i],
    head: [(1000 + i) * ratio, (1001 + i) * ratio * (1 + (i % 3) * 0.001)],
  }));

function measurement(overrides: Partial<ProjectMeasurement> = {}): ProjectMeasurement {
  return {
    project: 'demo',
    base: { ref: 'main', commit: 'a'.repeat(40) },
    head: { ref: 'HEAD', commit: 'b'.repeat(40), dirty: false },
    environment,
    measuredAt: new Date('2026-01-02T03:04:05.000Z'),
    threshold: 0.01,
    rounds: {
      cases: [
        { id: 'demo/work/same', rounds: rounds(1) },
        { id: 'demo/work/slow', rounds: rounds(1.5) },
      ],
      onlyIn: [{ id: 'demo/work/new', side: 'head' }],
      failures: [{ id: 'demo/work/bad', side: 'base', message: 'boom' }],
    },
    ...overrides,
  };
}

describe('analyseComparison (plain data in, document out)', () => {
  it('gives a valid document with a verdict per case, slowest first, and says what was left out', () => {
    const { document, notCompared } = analyseComparison(measurement());
    expect(CompareDocumentSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      schemaVersion: 1,
      project: 'demo',
      createdAt: '2026-01-02T03:04:05.000Z',
      base: { ref: 'main' },
      head: { ref: 'HEAD', dirty: false },
      method: { name: 'paired-rounds/wilcoxon-signed-rank', threshold: 0.01, confidence: 0.95 },
    });
    expect(document.cases.map((c) => [c.id, c.verdict, c.rounds])).toEqual([
      ['demo/work/slow', 'slower', 8],
      ['demo/work/same', 'unchanged', 8],
    ]);
    expect(notCompared).toEqual([
      { id: 'demo/work/new', why: 'exists only on the head side; not compared' },
      { id: 'demo/work/bad', why: 'threw on the base side: boom' },
    ]);
    expect(compareExitCode([document])).toBe(1);
    expect(compareKind(document)).toBe('compare');
  });

  it('calls one clean commit against itself an A/A run, but not a dirty head', () => {
    const same = { ref: 'HEAD', commit: 'a'.repeat(40) };
    const clean = analyseComparison(measurement({ head: { ...same, dirty: false } })).document;
    const dirty = analyseComparison(measurement({ head: { ...same, dirty: true } })).document;
    expect(compareKind(clean)).toBe('aa');
    expect(compareKind(dirty)).toBe('compare');
  });

  it('exits 0 when no case is slower, and refuses a measurement the schema would not accept', () => {
    const faster = measurement({
      rounds: { cases: [{ id: 'demo/work/fast', rounds: rounds(0.5) }], onlyIn: [], failures: [] },
    });
    expect(compareExitCode([analyseComparison(faster).document])).toBe(0);
    const invalid = measurement({ base: { ref: 'main', commit: 'not-a-commit' } });
    expect(() => analyseComparison(invalid)).toThrow(
      expect.objectContaining({
        code: 'COMPARE_MEASURE_FAILED',
        message: expect.stringMatching(/^compare document of demo is invalid at base\.commit/),
      }),
    );
  });
});
