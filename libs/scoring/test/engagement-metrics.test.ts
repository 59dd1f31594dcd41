import { describe, expect, it } from 'vitest';
import {
  ScoringInputError,
  conversionRate,
  engagementRate,
  relativePerformanceIndex,
  universalContentScore,
  watchThroughRate,
} from '../src/index.js';

describe('engagement metrics', () => {
  it('computes the engagement rate in percent over all four interactions', () => {
    expect(
      engagementRate({ views: 1000, likes: 50, comments: 20, shares: 20, saves: 10 }),
    ).toBeCloseTo(10, 12);
  });

  it('returns 0 instead of dividing by zero views or zero length', () => {
    expect(engagementRate({ views: 0, likes: 10 })).toBe(0);
    expect(conversionRate({ views: 0, conversions: 3 })).toBe(0);
    expect(watchThroughRate({ averageWatchTime: 30, videoLength: 0 })).toBe(0);
    expect(relativePerformanceIndex({ views: 500, channelMedianViews: 0 })).toBe(0);
  });

  it('counts missing and null fields as 0', () => {
    expect(engagementRate({ views: 100, likes: null })).toBe(0);
    expect(universalContentScore({}).universalContentScore).toBe(0);
  });

  it('caps watch-through at 100 but leaves engagement and conversion uncapped', () => {
    expect(watchThroughRate({ averageWatchTime: 90, videoLength: 60 })).toBe(100);
    expect(engagementRate({ views: 10, likes: 30 })).toBe(300);
    expect(conversionRate({ views: 10, conversions: 20 })).toBe(200);
  });

  it('lets RPI exceed 100 and compares the chosen metric with its own median', () => {
    expect(relativePerformanceIndex({ views: 3000, channelMedianViews: 1000 })).toBe(300);
    expect(
      relativePerformanceIndex({ likes: 50, channelMedianLikes: 200, views: 9 }, 'likes'),
    ).toBe(25);
  });

  it('builds the UCS from ER, WTR and RPI capped at 200', () => {
    const ucs = universalContentScore({
      views: 1_000_000,
      likes: 50_000,
      comments: 1_000,
      shares: 5_000,
      saves: 2_000,
      averageWatchTime: 45,
      videoLength: 60,
      channelMedianViews: 500_000,
      conversions: 1_000,
    });
    expect(ucs.engagementRate).toBeCloseTo(5.8, 12);
    expect(ucs.watchThroughRate).toBe(75);
    expect(ucs.relativePerformanceIndex).toBe(200);
    expect(ucs.conversionRate).toBeCloseTo(0.1, 12);
    expect(ucs.universalContentScore).toBeCloseTo(0.4 * 5.8 + 0.4 * 75 + 0.2 * 100, 12);
    // RPI far above 200 adds no more than 200 does.
    const viral = universalContentScore({
      views: 10_000_000,
      channelMedianViews: 1_000,
      videoLength: 1,
    });
    expect(viral.universalContentScore).toBe(20);
  });

  it('caps the UCS at 100', () => {
    expect(
      universalContentScore({ views: 1, likes: 1000, videoLength: 1, averageWatchTime: 1 })
        .universalContentScore,
    ).toBe(100);
  });

  it.each([
    ['views', -1],
    ['likes', Number.NaN],
    ['shares', Number.POSITIVE_INFINITY],
    ['saves', '12'],
  ])('rejects %s = %s with a ScoringInputError naming the field', (field, value) => {
    const call = () => engagementRate({ views: 10, [field]: value });
    expect(call).toThrow(ScoringInputError);
    expect(call).toThrow(new RegExp(`^${field} must be a finite, non-negative number`));
    try {
      call();
    } catch (error) {
      expect((error as ScoringInputError).code).toBe('SCORING_INPUT_INVALID');
      expect((error as ScoringInputError).field).toBe(field);
    }
  });

  it('names the median field when it is bad', () => {
    expect(() => relativePerformanceIndex({ views: 1, channelMedianViews: -3 })).toThrow(
      /channelMedianViews/,
    );
  });
});
