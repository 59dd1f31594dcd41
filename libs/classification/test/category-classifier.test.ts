import { describe, expect, it } from 'vitest';
import {
  Category,
  CategoryClassifier,
  InvalidFieldError,
  InvalidOptionError,
  classifyFromMetadata,
  defaultCategories,
} from '../src/index.js';
import { smallTables } from './table-fixture.js';

const small = new CategoryClassifier({ tables: smallTables() });
const defaults = new CategoryClassifier();

describe('CategoryClassifier scoring', () => {
  it('weighs a match by its field: title 1.5, description 1.0, subtitle 0.8, each tag 1.2', () => {
    // apple has weight 2, so the score is 2 × multiplier and confidence score / 20.
    expect(small.classify({ title: 'apple' }).confidence).toBe(0.15);
    expect(small.classify({ description: 'apple' }).confidence).toBe(0.1);
    expect(small.classify({ subtitleText: 'apple' }).confidence).toBe(0.08);
    expect(small.classify({ tags: ['apple'] }).confidence).toBe(0.12);
    expect(small.classify({ tags: ['apple', 'apple pie'] }).confidence).toBe(0.24);
  });

  it('counts a keyword once per field however often it occurs', () => {
    expect(small.classify({ title: 'apple apple apples', description: 'apple' }).confidence).toBe(
      0.25,
    );
  });

  it('caps confidence at 1', () => {
    const result = small.classify({
      title: 'apple',
      description: 'apple',
      tags: Array.from({ length: 10 }, () => 'apple'),
    });
    expect(result.confidence).toBe(1);
  });

  it('reads only the first subtitleWindow characters of the subtitle', () => {
    const subtitle = `${'x'.repeat(495)} apple`;
    expect(small.classify({ subtitleText: subtitle }).category).toBe('Rest');
    expect(
      new CategoryClassifier({ tables: smallTables(), subtitleWindow: 501 }).classify({
        subtitleText: subtitle,
      }).category,
    ).toBe('Alpha');
  });

  it('rejects a negative or fractional subtitle window', () => {
    expect(() => new CategoryClassifier({ subtitleWindow: -1 })).toThrow(InvalidOptionError);
    expect(() => new CategoryClassifier({ subtitleWindow: 2.5 })).toThrow(/subtitleWindow/);
  });

  it('gives ties to the category listed first', () => {
    expect(small.classify({ title: 'apple banana' }).category).toBe('Alpha');
    expect(small.classify({ title: 'banana', description: 'apple' }).category).toBe('Beta');
  });

  it('lists the winner first five matches in field order and runners-up scoring at least 2', () => {
    const tables = smallTables();
    tables.categories[0]!.keywords = { a1: 1, a2: 1, a3: 1, a4: 1, a5: 1, a6: 1 };
    const result = new CategoryClassifier({ tables }).classify({
      title: 'a6',
      description: 'a2 banana a1',
      tags: ['a3', 'cherry', 'a3'],
      subtitleText: 'a4 a5',
    });
    expect(result.category).toBe('Alpha');
    expect(result.indicators).toEqual([
      'title: a6',
      'description: a2',
      'description: a1',
      'tags: a3',
      'subtitle: a4',
    ]);
    // banana 2 × 1.0 (description) + cherry 1 × 1.2 (tag)
    expect(result.secondary).toEqual({ Beta: 3.2 });
    const below = new CategoryClassifier({ tables }).classify({ title: 'a1 a2', tags: ['cherry'] });
    expect(below.secondary).toEqual({});
  });

  it('returns the fallback with 0.5 when nothing matches', () => {
    const expected = {
      category: 'Unusable',
      categoryId: 'unusable',
      usable: false,
      confidence: 0.5,
      indicators: ['no clear indicators found'],
      secondary: {},
    };
    expect(defaults.classify({})).toEqual(expected);
    expect(defaults.classify({ title: '', description: '', tags: [] })).toEqual(expected);
    expect(defaults.classify({ title: null, description: undefined, tags: null })).toEqual(
      expected,
    );
  });

  it('lets the Unusable category win on its own keywords, with its real confidence', () => {
    // asmr 3 × 1.5 + slime 2 × 1.5 + tag asmr 3 × 1.2 = 11.1 → 11.1 / 20
    const result = defaults.classify({ title: 'ASMR slime', tags: ['asmr'] });
    expect(result).toMatchObject({ category: Category.Unusable, usable: false, confidence: 0.555 });
  });
});

describe('CategoryClassifier matching', () => {
  it('matches whole words only, so a keyword inside another word does not fire', () => {
    const result = defaults.classify({
      title: 'My loadout for reading',
      description: 'education code',
      tags: ['code'],
    });
    expect(result.category).toBe(Category.Education);
    expect(result.indicators).toEqual(['description: education']);
    expect(result.secondary).toEqual({});
  });

  it('matches inflections', () => {
    expect(defaults.classify({ title: 'memes' }).category).toBe(Category.Entertainment);
    expect(defaults.classify({ title: 'honest reviews' }).category).toBe(
      Category.ReviewsCommentary,
    );
    expect(defaults.classify({ title: 'speedrunning' }).indicators).toEqual(['title: speedrun']);
  });
});

describe('CategoryClassifier inputs', () => {
  it('throws a typed error naming a wrongly typed field', () => {
    const classifier = defaults as unknown as { classify(input: unknown): unknown };
    expect(() => classifier.classify({ title: 42 })).toThrow(
      new InvalidFieldError('title', 'a string', 42),
    );
    expect(() => classifier.classify({ tags: 'gaming' })).toThrow(
      /field "tags" must be an array of strings/,
    );
    expect(() => classifier.classify({ tags: ['ok', 7] })).toThrow(
      /field "tags\[1\]" must be a string, received number 7/,
    );
    expect(() => classifier.classify(null)).toThrow(
      expect.objectContaining({ code: 'INVALID_FIELD', field: 'input' }),
    );
  });

  it('never throws on emoji, combining marks, RTL text or 1 MB texts', () => {
    expect(
      defaults.classify({
        title: '🎮 Gaming Video!!! [EPIC] 😎',
        description: 'Check this out!!! 🔥🔥🔥',
        tags: ['gaming', '🎮', 'epic!!!'],
      }).category,
    ).toBe(Category.Gaming);
    expect(
      defaults.classify({ title: 'Cafe\u0301 vlog', description: 'قصة حقيقية story' }).category,
    ).toBe(Category.Lifestyle);
    const huge = 'word '.repeat(210_000);
    expect(
      defaults.classify({ title: huge, description: huge, subtitleText: huge, tags: [huge] })
        .category,
    ).toBe(Category.Unusable);
  });

  it('reads raw records with subtitle_text', () => {
    const record = {
      title: 'nothing',
      subtitle_text: 'gameplay',
      subtitleText: 'tutorial',
      extra: 1,
    };
    expect(defaults.classifyFromMetadata(record).category).toBe(Category.Gaming);
    expect(classifyFromMetadata(record).indicators).toEqual(['subtitle: gameplay']);
    expect(() => classifyFromMetadata({ subtitle_text: 5 })).toThrow(/field "subtitle_text"/);
  });

  it('keeps order in batch and stream forms', async () => {
    const inputs = [{ title: 'gameplay' }, { title: 'tutorial' }, {}, { title: 'vlog' }];
    const expected = [Category.Gaming, Category.Education, Category.Unusable, Category.Lifestyle];
    expect(defaults.classifyBatch(inputs).map((result) => result.category)).toEqual(expected);
    // An async source that counts what it has handed out: a lazy stream pulls one input per
    // result, so a long source never sits in memory.
    let pulled = 0;
    async function* source() {
      for (const input of inputs) {
        await Promise.resolve();
        pulled += 1;
        yield input;
      }
    }
    const streamed: string[] = [];
    for await (const result of defaults.classifyStream(source())) {
      expect(pulled).toBe(streamed.length + 1);
      streamed.push(result.category);
    }
    expect(streamed).toEqual(expected);
  });
});

describe('categories', () => {
  it('exposes the eight default categories with label, about and usable', () => {
    const categories = defaultCategories();
    expect(categories.map((category) => category.label)).toEqual(Object.values(Category));
    expect(categories.every((category) => category.about.length > 0)).toBe(true);
    expect(categories.filter((category) => category.usable)).toHaveLength(7);
    expect(defaults.categories).toEqual(categories);
  });
});
