import { describe, expect, it } from 'vitest';
import {
  ScoringInputError,
  descriptionQuality,
  scoreIdeaInspiration,
  scoreIdeaInspirationBatch,
  scoreIdeaInspirationStream,
  scoreText,
  scoreTextContent,
  titleQuality,
  youtubeScore,
  type ScorableIdea,
} from '../src/index.js';
import { ScorableIdeaSchema } from '../src/schemas/index.js';

const base: ScorableIdea = {
  title: 'Python Programming Tutorial for Beginners',
  description: 'Learn Python from scratch with hands-on examples.',
  textContent: 'Python is a great first language. You write less code. Programs read like prose.',
};

describe('scoreIdeaInspiration', () => {
  it('weighs text, title and description 50/30/20 without engagement', () => {
    const result = scoreIdeaInspiration(base);
    const text = scoreText(base.textContent!, base.title);
    const title = titleQuality(base.title);
    const description = descriptionQuality(base.description);
    expect(result.engagementScore).toBe(0);
    expect(result.details.engagement).toBeNull();
    expect(result.overallScore).toBeCloseTo(
      0.5 * text.overallTextScore +
        0.3 * title.titleQualityScore +
        0.2 * description.descriptionQualityScore,
      10,
    );
    expect([result.seoScore, result.tagsScore, result.similarityScore]).toEqual([0, 0, 0]);
  });

  it('weighs 40/20/10/30 with YouTube engagement from metadata.statistics', () => {
    const statistics = { viewCount: '500000', likeCount: '25000', commentCount: '500' };
    const result = scoreIdeaInspiration({ ...base, metadata: { statistics, channel: 'x' } });
    const engagement = youtubeScore({ statistics });
    expect(result.engagementScore).toBe(engagement.score);
    expect(result.details.engagement).toEqual(engagement.details);
    expect(result.overallScore).toBeCloseTo(
      0.4 * result.textQualityScore +
        0.2 * result.titleScore +
        0.1 * result.descriptionScore +
        0.3 * engagement.score,
      10,
    );
  });

  it('reads Reddit-style metadata when there are no statistics, without the ups fallback', () => {
    const result = scoreIdeaInspiration({
      ...base,
      metadata: { score: 25_000, num_comments: 100, num_views: null, ups: 9 },
    });
    expect(result.details.engagement).toEqual({
      viewScore: 0,
      likeScore: 0.5,
      commentScore: 0.1,
      engagementScore: 0,
      finalScore: 0.5 * 0.8 * 10 + 0.1 * 0.6 * 10,
    });
  });

  it('falls back to content when textContent is empty or missing', () => {
    const withContent = scoreIdeaInspiration({
      title: 't',
      content: 'Some body text here.',
      textContent: '',
    });
    expect(withContent.details.textQuality.wordCount).toBe(4);
    expect(scoreIdeaInspiration({ content: 'One two.' }).details.textQuality.wordCount).toBe(2);
  });

  it('names the metadata field of a bad YouTube count', () => {
    expect(() =>
      scoreIdeaInspiration({ ...base, metadata: { statistics: { viewCount: '12abc' } } }),
    ).toThrow(ScoringInputError);
    expect(() =>
      scoreIdeaInspiration({ ...base, metadata: { statistics: { viewCount: '12abc' } } }),
    ).toThrow(/^metadata\.statistics\.viewCount /);
  });

  it('never returns NaN for an all-empty idea', () => {
    const result = scoreIdeaInspiration({});
    for (const value of Object.values(result))
      if (typeof value === 'number') expect(Number.isNaN(value)).toBe(false);
    expect(result.overallScore).toBe(0);
  });
});

describe('scoreTextContent', () => {
  it('combines the three parts 50/30/20', () => {
    const r = scoreTextContent(base.title!, base.description!, base.textContent!);
    expect(r.compositeScore).toBeCloseTo(
      0.5 * r.textQuality.overallTextScore +
        0.3 * r.titleQuality.titleQualityScore +
        0.2 * r.descriptionQuality.descriptionQualityScore,
      10,
    );
  });
});

describe('batch and stream', () => {
  const ideas = Array.from({ length: 25 }, (_, i) => ({
    title: `Item ${i}`,
    textContent: `${'Content. '.repeat(i)}`,
  }));

  it('keeps input order in a batch', () => {
    const results = scoreIdeaInspirationBatch(ideas);
    expect(results.map((r) => r.details.textQuality.sentenceCount)).toEqual(ideas.map((_, i) => i));
  });

  it('yields in input order from an async source, pulling one idea per result', async () => {
    // The source counts what it has handed out, so the test sees that nothing is read ahead.
    let pulled = 0;
    async function* source(): AsyncGenerator<ScorableIdea> {
      for (const idea of ideas) {
        await Promise.resolve();
        pulled += 1;
        yield idea;
      }
    }
    const counts: number[] = [];
    for await (const r of scoreIdeaInspirationStream(source())) {
      expect(pulled).toBe(counts.length + 1);
      counts.push(r.details.textQuality.sentenceCount);
    }
    expect(counts).toEqual(ideas.map((_, i) => i));
  });
});

describe('ScorableIdeaSchema', () => {
  it('accepts the body as text_content and reports bad fields by path', () => {
    expect(ScorableIdeaSchema.parse({ title: 'T', text_content: 'Body.' }).textContent).toBe(
      'Body.',
    );
    const bad = ScorableIdeaSchema.safeParse({ metadata: { statistics: { likeCount: '1e6' } } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['metadata', 'statistics', 'likeCount']);
  });
});
