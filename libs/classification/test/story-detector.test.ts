import { describe, expect, it } from 'vitest';
import { InvalidOptionError, StoryDetector, detectFromMetadata } from '../src/index.js';
import { smallTables } from './table-fixture.js';

const small = new StoryDetector({ tables: smallTables() });

describe('StoryDetector rules', () => {
  it('stops at once on a non-story keyword in the title', () => {
    expect(
      small.detect({
        title: 'A saga manual',
        description: 'a saga tale',
        tags: ['saga'],
        subtitleText: 'i was',
      }),
    ).toEqual({
      isStory: false,
      confidence: 0,
      indicators: ['non-story keyword: manual'],
    });
  });

  it('adds 0.5, 0.3 or 0.15 for title keyword weights of at least 3, 2 and 1', () => {
    expect(small.detect({ title: 'saga' }).confidence).toBe(0.5);
    expect(small.detect({ title: 'told odd' }).confidence).toBe(0.5);
    expect(small.detect({ title: 'told' }).confidence).toBe(0.3);
    expect(small.detect({ title: 'odd' }).confidence).toBe(0.15);
    expect(small.detect({ title: 'plain' }).confidence).toBe(0);
  });

  it('vetoes on two or more non-story keywords in the description', () => {
    expect(small.detect({ title: 'saga', description: 'a manual with a recipe' })).toEqual({
      isStory: false,
      confidence: 0,
      indicators: ['non-story keywords in description: 2'],
    });
    expect(small.detect({ title: 'saga', description: 'a manual' }).confidence).toBe(0.5);
  });

  it('adds 0.1 or 0.2 for one or two story keywords in the description, counting at most two', () => {
    expect(small.detect({ description: 'a saga' }).confidence).toBe(0.1);
    expect(small.detect({ description: 'a saga, a tale' }).confidence).toBe(0.2);
    expect(small.detect({ description: 'a saga, a tale, it happened to me' })).toEqual({
      isStory: false,
      confidence: 0.2,
      indicators: ['description keyword: saga', 'description keyword: tale'],
    });
  });

  it('adds 0.1 or 0.2 for story tags compared trimmed, lower-cased and without leading #', () => {
    expect(small.detect({ tags: [' #SAGA '] }).confidence).toBe(0.1);
    expect(small.detect({ tags: ['## saga', 'YARN'] }).indicators).toEqual([
      'story tag: saga',
      'story tag: yarn',
    ]);
    expect(small.detect({ tags: ['saga', 'yarn', 'other'] }).confidence).toBe(0.2);
    expect(small.detect({ tags: ['saga', 'saga'] }).confidence).toBe(0.1);
    expect(small.detect({ tags: ['saga story'] }).confidence).toBe(0);
  });

  it('counts a story tag once, whatever form it comes in, Unicode spaces included', () => {
    expect(small.detect({ tags: ['saga', '#SAGA', ' saga\u00a0', 'Saga\t'] })).toEqual({
      isStory: false,
      confidence: 0.1,
      indicators: ['story tag: saga'],
    });
    expect(small.detect({ tags: ['yarn\u2003', '# Saga'] }).confidence).toBe(0.2);
    expect(small.detect({ tags: ['\uff53aga', 'sagas', 'sa ga', ''] }).confidence).toBe(0);
  });

  it('adds 0.15 for first-person openers in the first 500 subtitle characters and lists two', () => {
    expect(small.detect({ subtitleText: 'so I was there, I had to, I went home' })).toEqual({
      isStory: false,
      confidence: 0.15,
      indicators: ['first-person opener: i was', 'first-person opener: i had'],
    });
    expect(small.detect({ subtitleText: `${'x'.repeat(500)} i was` }).confidence).toBe(0);
  });

  it('reads the subtitle up to the window, even when it cuts a word', () => {
    const windowed = (subtitleWindow: number): StoryDetector =>
      new StoryDetector({ tables: smallTables(), subtitleWindow });
    expect(windowed(5).detect({ subtitleText: 'I was here' }).confidence).toBe(0.15);
    expect(windowed(4).detect({ subtitleText: 'I was here' }).confidence).toBe(0);
    expect(windowed(0).detect({ subtitleText: 'I was here' }).confidence).toBe(0);
  });

  it('answers an item with no indicators from its threshold, the same on every call', () => {
    const empty = { isStory: false, confidence: 0, indicators: [] };
    expect(small.detect({})).toEqual(empty);
    expect(small.detect({ title: 'plain', tags: ['other'] })).toEqual(empty);
    expect(new StoryDetector({ tables: smallTables(), threshold: 0 }).detect({})).toEqual({
      ...empty,
      isStory: true,
    });
  });

  it('calls it a story from the threshold on, and caps confidence at 1', () => {
    const all = {
      title: 'saga told',
      description: 'saga tale',
      tags: ['saga', 'yarn'],
      subtitleText: 'i was',
    };
    expect(small.detect(all)).toMatchObject({ isStory: true, confidence: 1 });
    expect(small.detect({ title: 'told' }).isStory).toBe(true);
    expect(small.detect({ title: 'odd', tags: ['saga'] }).isStory).toBe(false);
    expect(
      new StoryDetector({ tables: smallTables(), threshold: 0.25 }).detect({
        title: 'odd',
        tags: ['saga'],
      }).isStory,
    ).toBe(true);
  });

  it('rejects a threshold outside 0..1', () => {
    expect(() => new StoryDetector({ threshold: 1.5 })).toThrow(InvalidOptionError);
    expect(() => new StoryDetector({ threshold: Number.NaN })).toThrow(/threshold/);
  });

  it('names the received value in the message, a function without its source', () => {
    expect(() => new StoryDetector({ threshold: 1.5 })).toThrow(
      'option "threshold" must be a number from 0 to 1, received number 1.5',
    );
    const notANumber = (() => 0.5) as unknown as number;
    expect(() => new StoryDetector({ threshold: notANumber })).toThrow(
      'option "threshold" must be a number from 0 to 1, received a function',
    );
  });
});

describe('StoryDetector with the default tables', () => {
  const detector = new StoryDetector();

  it('detects the benchmark story record and rejects the meme compilation', () => {
    const story = detector.detect({
      title: 'My AITA Story - Was I Wrong?',
      description: 'Let me tell you about what happened yesterday. This is my true story.',
      tags: ['storytime', 'aita', 'confession', 'true story'],
    });
    expect(story).toMatchObject({ isStory: true, confidence: 0.9 });
    const memes = detector.detect({
      title: 'Funniest Meme Compilation 2024',
      description: 'Watch these hilarious memes that will make you laugh!',
      tags: ['comedy', 'funny', 'memes', 'entertainment'],
    });
    expect(memes).toEqual({ isStory: false, confidence: 0, indicators: [] });
  });

  it('matches q&a as a non-story keyword across its punctuation', () => {
    expect(detector.detect({ title: 'Storytime Q&A' }).indicators).toEqual([
      'non-story keyword: q&a',
    ]);
  });

  it('reads raw records and keeps order in batch and stream forms', async () => {
    expect(
      detectFromMetadata({ title: 'x', subtitle_text: 'so this happened' }).indicators,
    ).toEqual(['first-person opener: so this happened', 'first-person opener: this happened']);
    const inputs = [{ title: 'AITA' }, { title: 'tutorial' }, { title: 'my story' }];
    expect(detector.detectBatch(inputs).map((result) => result.isStory)).toEqual([
      true,
      false,
      true,
    ]);
    const streamed: boolean[] = [];
    for await (const result of detector.detectStream(inputs)) streamed.push(result.isStory);
    expect(streamed).toEqual([true, false, true]);
  });

  it('never throws on hostile text', () => {
    const huge = 'i was '.repeat(200_000);
    expect(
      detector.detect({ title: '\u202Eקצת סיפור\u202C 👨‍👩‍👧', description: huge, subtitleText: huge })
        .isStory,
    ).toBe(false);
  });
});
