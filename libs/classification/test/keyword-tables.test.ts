import { describe, expect, it } from 'vitest';
import {
  CategoryClassifier,
  KeywordTableError,
  StoryDetector,
  TextClassifier,
  defaultKeywordTables,
  parseKeywordTables,
} from '../src/index.js';
import { smallTables } from './table-fixture.js';

function tableError(build: () => unknown): KeywordTableError {
  try {
    build();
  } catch (error) {
    if (error instanceof KeywordTableError) return error;
    throw error;
  }
  throw new Error('expected a KeywordTableError');
}

describe('keyword tables', () => {
  it('ships valid default tables with eight categories and one fallback', () => {
    const tables = defaultKeywordTables();
    expect(tables.categories).toHaveLength(8);
    expect(
      tables.categories.filter((category) => !category.usable).map((category) => category.label),
    ).toEqual(['Unusable']);
  });

  it('accepts a custom table', () => {
    expect(parseKeywordTables(smallTables()).categories.map((category) => category.id)).toEqual([
      'alpha',
      'beta',
      'rest',
    ]);
  });

  it('rejects a bad weight at construction with the path of the problem', () => {
    const tables = smallTables() as unknown as {
      categories: { keywords: Record<string, unknown> }[];
    };
    tables.categories[1]!.keywords['banana'] = -1;
    const error = tableError(() => new CategoryClassifier({ tables }));
    expect(error.code).toBe('INVALID_KEYWORD_TABLES');
    expect(error.issues).toEqual(['categories.1.keywords.banana: weight must be > 0']);
  });

  it('rejects a keyword without any word character', () => {
    const tables = smallTables();
    tables.story.nonStoryKeywords.push('!!!');
    expect(tableError(() => new StoryDetector({ tables })).message).toContain(
      'story.nonStoryKeywords.2: keyword must contain at least one word character',
    );
  });

  it('requires exactly one fallback category and unique ids', () => {
    const tables = smallTables();
    tables.categories[2]!.usable = true;
    tables.categories[1]!.id = 'alpha';
    const error = tableError(() => new TextClassifier({ tables }));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        'categories.1.id: duplicate id "alpha" (also categories.0)',
        'categories: exactly one category must have usable: false (the fallback when nothing matches), found 0',
      ]),
    );
  });

  it('names missing sections', () => {
    const { story: _story, ...withoutStory } = smallTables();
    expect(tableError(() => parseKeywordTables(withoutStory)).issues[0]).toMatch(/^story: /);
  });
});
