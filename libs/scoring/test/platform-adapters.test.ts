import { describe, expect, it } from 'vitest';
import { ScoringInputError, redditScore, youtubeScore } from '../src/index.js';

describe('youtubeScore', () => {
  it('reads decimal-integer strings and numbers alike', () => {
    const fromStrings = youtubeScore({
      statistics: { viewCount: '1000000', likeCount: '50000', commentCount: '1000' },
    });
    const fromNumbers = youtubeScore({
      statistics: { viewCount: 1_000_000, likeCount: 50_000, commentCount: 1_000 },
    });
    expect(fromStrings).toEqual(fromNumbers);
    expect(fromStrings.score).toBeCloseTo(24, 12);
  });

  it('treats missing statistics and missing counts as 0', () => {
    expect(youtubeScore({}).score).toBe(0);
    expect(youtubeScore({ statistics: { viewCount: '500000' } }).score).toBeCloseTo(5, 12);
  });

  it.each([
    ['viewCount', '12abc'],
    ['viewCount', '1e6'],
    ['likeCount', '-5'],
    ['likeCount', -5],
    ['commentCount', Number.NaN],
    ['commentCount', 2.5],
    ['viewCount', ' 12'],
  ])('rejects %s = %j with a ScoringInputError naming statistics.%s', (field, value) => {
    const call = () => youtubeScore({ statistics: { [field]: value } });
    expect(call).toThrow(ScoringInputError);
    expect(call).toThrow(new RegExp(`^statistics\\.${field} must be a non-negative integer`));
  });
});

describe('redditScore', () => {
  it('uses score for likes, and ups only when score is 0 or missing', () => {
    expect(redditScore({ score: 50_000, ups: 1 }).details.likeScore).toBe(1);
    expect(redditScore({ score: 0, ups: 25_000 }).details.likeScore).toBe(0.5);
    expect(redditScore({ ups: 5_000 }).details.likeScore).toBe(0.1);
  });

  it('counts null views as 0', () => {
    const result = redditScore({ num_views: null, score: 100, num_comments: 10 });
    expect(result.details.viewScore).toBe(0);
    expect(result.details.commentScore).toBe(0.01);
  });

  it('gives 0 for an empty post', () => {
    expect(redditScore({}).score).toBe(0);
  });

  it('rejects a negative or non-numeric field with its Reddit name', () => {
    expect(() => redditScore({ score: -3 })).toThrow(/^score must be/);
    expect(() => redditScore({ num_comments: '7' as never })).toThrow(/^num_comments must be/);
  });
});
