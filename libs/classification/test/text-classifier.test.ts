import { describe, expect, it } from 'vitest';
import {
  InvalidFieldError,
  TextClassifier,
  indicatorKeywords,
  scoreKeywordsField,
  scoreTextField,
} from '../src/index.js';

const classifier = new TextClassifier();

describe('field scores', () => {
  it('scores text by length and word count, times the weight, capped at 1', () => {
    expect(scoreTextField('', 1)).toBe(0);
    expect(scoreTextField('short', 1)).toBe(0);
    expect(scoreTextField('x'.repeat(11), 1)).toBeCloseTo(0.3);
    expect(scoreTextField('x'.repeat(51), 1)).toBeCloseTo(0.5);
    expect(scoreTextField('x'.repeat(101), 1)).toBeCloseTo(0.7);
    expect(scoreTextField('one two three four five six', 1)).toBeCloseTo(0.45);
    expect(scoreTextField('a b c d e f g h i j k', 1)).toBeCloseTo(0.6);
    expect(scoreTextField('x'.repeat(11), 0.8)).toBeCloseTo(0.24);
    expect(scoreTextField(`${'word '.repeat(30)}`, 1.5)).toBe(1);
  });

  it('scores keywords by their word count over 10, capped at 1', () => {
    expect(scoreKeywordsField([])).toBe(0);
    expect(scoreKeywordsField(['true story', 'aita'])).toBeCloseTo(0.3);
    expect(scoreKeywordsField(Array.from({ length: 12 }, (_, i) => `k${i}`))).toBe(1);
  });
});

describe('TextClassifier.enrich', () => {
  it('combines category, story and field scores by the documented weights', () => {
    const enrichment = classifier.enrich({
      title: 'My AITA story',
      description: '',
      content: '',
      keywords: [],
    });
    // category: aita 3 + story 3 in the title → 9 → 0.45; story: title weight 6 → 0.5;
    // fields: title 0.3 × 1.5 = 0.45, others 0 → mean 0.1125.
    expect(enrichment.category).toMatchObject({ category: 'Storytelling', confidence: 0.45 });
    expect(enrichment.story).toMatchObject({ isStory: true, confidence: 0.5 });
    expect(enrichment.fieldScores).toEqual({
      title: 0.45,
      description: 0,
      content: 0,
      keywords: 0,
    });
    expect(enrichment.combinedScore).toBe(0.36375);
    expect(enrichment.flags).toEqual({ isStory: true, isUsable: true, hasHighConfidence: false });
    expect(enrichment.tags).toEqual(['aita', 'story']);
  });

  it('reads content as the subtitle', () => {
    const enrichment = classifier.enrich({
      title: 'Part 2',
      content: 'i was playing, gameplay only',
    });
    expect(enrichment.category.indicators).toEqual(['subtitle: gameplay']);
    expect(enrichment.story.indicators).toEqual(['first-person opener: i was']);
  });

  it('flags high confidence above 0.7', () => {
    const enrichment = classifier.enrich({
      title: 'AITA: my true story of revenge on my toxic ex boyfriend',
      description:
        'Let me tell you this true story. It happened to me last year and I want to share it with everyone.',
      content: 'i was at home when my phone rang, i had no idea what was coming next in this story',
      keywords: [
        'storytime',
        'aita',
        'true story',
        'revenge story',
        'confession',
        'reddit',
        'drama',
      ],
    });
    expect(enrichment.combinedScore).toBeGreaterThan(0.7);
    expect(enrichment.flags.hasHighConfidence).toBe(true);
  });

  it('gives empty ideas the Unusable fallback', () => {
    const enrichment = classifier.enrich({});
    expect(enrichment.category.category).toBe('Unusable');
    expect(enrichment.combinedScore).toBe(0.2);
    expect(enrichment.flags).toEqual({ isStory: false, isUsable: false, hasHighConfidence: false });
    expect(enrichment.tags).toEqual([]);
  });

  it('names the idea fields in type errors', () => {
    const loose = classifier as unknown as { enrich(idea: unknown): unknown };
    expect(() => loose.enrich({ title: 'x', keywords: 'aita' })).toThrow(
      new InvalidFieldError('keywords', 'an array of strings', 'aita'),
    );
    expect(() => loose.enrich({ title: 'x', keywords: [1] })).toThrow(
      /field "keywords\[0\]" must be a string/,
    );
    expect(() => loose.enrich({ title: 'x', content: {} })).toThrow(
      /field "content" must be a string, received an object/,
    );
  });

  it('keeps order in batch and stream forms', async () => {
    const ideas = [{ title: 'AITA' }, { title: 'gameplay' }, { title: 'vlog' }];
    expect(classifier.enrichBatch(ideas).map((e) => e.category.category)).toEqual([
      'Storytelling',
      'Gaming',
      'Lifestyle / Vlog',
    ]);
    const streamed: string[] = [];
    for await (const e of classifier.enrichStream(ideas)) streamed.push(e.category.category);
    expect(streamed).toEqual(['Storytelling', 'Gaming', 'Lifestyle / Vlog']);
  });

  it('never throws on emoji, combining marks, RTL text or 1 MB content', () => {
    const content = `${'\u05E1\u05D9\u05E4\u05D5\u05E8 🎮 e\u0301 '.repeat(90_000)}`;
    expect(content.length).toBeGreaterThan(1_000_000);
    const enrichment = classifier.enrich({
      title: '🎮😎 \u202Egameplay\u202C',
      description: content,
      content,
      keywords: ['🎮', '#gaming'],
    });
    expect(enrichment.category.category).toBe('Gaming');
    expect(enrichment.fieldScores.content).toBe(0.8);
  });

  it('uses the story threshold it is given', () => {
    expect(
      new TextClassifier({ storyThreshold: 0.1 }).enrich({ title: 'crazy' }).flags.isStory,
    ).toBe(true);
    expect(classifier.enrich({ title: 'crazy' }).flags.isStory).toBe(false);
  });
});

describe('indicatorKeywords', () => {
  it('takes the text after the first colon, sorted and de-duplicated, skipping messages and counts', () => {
    expect(
      indicatorKeywords([
        'title: story',
        'tags: aita',
        'title keyword: aita',
        'no clear indicators found',
        'non-story keywords in description: 2',
        'x: a: b',
      ]),
    ).toEqual(['a: b', 'aita', 'story']);
  });
});
