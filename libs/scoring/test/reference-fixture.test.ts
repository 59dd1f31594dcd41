import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ScoringEngine,
  conversionRate,
  descriptionQuality,
  engagementRate,
  readability,
  redditScore,
  relativePerformanceIndex,
  scoreIdeaInspiration,
  scoreText,
  scoreTextContent,
  sentiment,
  structureScore,
  titleQuality,
  universalContentScore,
  watchThroughRate,
  youtubeScore,
  type EngagementMetrics,
  type ScorableIdea,
  type IdeaMetadata,
} from '../src/index.js';

// Outputs of the PrismQ Python scorer; stored scores stay comparable only if every one matches.
interface ReferenceCase {
  kind: string;
  input: Record<string, unknown>;
  output: unknown;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/scoring-reference.json', import.meta.url), 'utf8'),
) as {
  cases: ReferenceCase[];
};

const RENAMED_KEYS: Record<string, string> = {
  scoreDetails: 'details',
  engagementDetails: 'engagement',
};

function camel(key: string): string {
  const name = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return RENAMED_KEYS[name] ?? name;
}

/** The Python scorer's snake_case document in this library's names. */
function toLibraryShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toLibraryShape);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    // The Python scorer writes `{}` for "no engagement data"; this library writes null.
    if (entries.length === 0) return null;
    return Object.fromEntries(entries.map(([key, inner]) => [camel(key), toLibraryShape(inner)]));
  }
  return value;
}

/**
 * Equal within 1e-9: absolute, or relative for magnitudes above 1. Every expected key must
 * be there; an extra key is allowed only as a 0 count, because the Python scorer leaves
 * the counts out of an empty title's or description's result where this library says 0.
 */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    expect(
      Math.abs((actual as number) - expected),
      `${path}: ${String(actual)} vs ${expected}`,
    ).toBeLessThanOrEqual(tolerance);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    for (const [key, extra] of Object.entries(actual as object)) {
      if (!(key in expected)) expect(extra, `${path}.${key} (not in the reference)`).toBe(0);
    }
    for (const [key, inner] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[key], inner, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toBe(expected);
}

function run(kind: string, rawInput: Record<string, unknown>): unknown {
  const input = toLibraryShape(rawInput) as Record<string, unknown>;
  const metrics = input as EngagementMetrics;
  switch (kind) {
    case 'ucs':
      return {
        ucs: universalContentScore(metrics),
        engagementRate: engagementRate(metrics),
        watchThroughRate: watchThroughRate(metrics),
        conversionRate: conversionRate(metrics),
        rpiViews: relativePerformanceIndex(metrics, 'views'),
      };
    case 'score':
      return new ScoringEngine({ weights: rawInput['weights'] as number[] | null }).calculateScore(
        input['metrics'] as EngagementMetrics,
      );
    case 'youtube':
      // Statistics keep YouTube's own names, so the raw input goes in unchanged.
      return youtubeScore(rawInput);
    case 'reddit':
      return redditScore(rawInput);
    case 'text': {
      const text = rawInput['text'] as string;
      return {
        scoreText: scoreText(text, rawInput['title'] as string | null),
        readability: text === '' ? null : readability(text),
        structure: structureScore(text),
        sentiment: sentiment(text),
      };
    }
    case 'title':
      return titleQuality(rawInput['title'] as string);
    case 'desc':
      return descriptionQuality(rawInput['description'] as string);
    case 'idea':
      // Reddit-style metadata keeps its snake_case names.
      return scoreIdeaInspiration({
        ...(input as ScorableIdea),
        metadata: rawInput['metadata'] as IdeaMetadata,
      });
    case 'textcontent':
      return scoreTextContent(
        rawInput['title'] as string,
        rawInput['description'] as string,
        rawInput['text_content'] as string,
      );
    default:
      throw new Error(`fixture case kind ${kind} is not known to this test`);
  }
}

describe('reference fixture (PrismQ Python scorer outputs)', () => {
  it('holds 360 cases, 40 of each of the nine kinds', () => {
    expect(fixture.cases).toHaveLength(360);
    const kinds = new Map<string, number>();
    for (const c of fixture.cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    expect(kinds.size).toBe(9);
    expect([...kinds.values()].every((n) => n === 40)).toBe(true);
  });

  it.each(fixture.cases.map((c, index) => [`${index} ${c.kind}`, c] as const))(
    'case %s',
    (_label, c) => {
      expectClose(run(c.kind, c.input), toLibraryShape(c.output), c.kind);
    },
  );
});
