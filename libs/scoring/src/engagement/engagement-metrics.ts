import { metricValue } from './metric-value.js';

/**
 * Raw engagement numbers of one piece of content. Every field is optional; a missing (or
 * `null`) field counts as 0. Present fields must be finite and non-negative.
 */
export interface EngagementMetrics {
  /** Views (impressions). */
  views?: number | null;
  /** Likes. */
  likes?: number | null;
  /** Comments. */
  comments?: number | null;
  /** Shares. */
  shares?: number | null;
  /** Saves or bookmarks. */
  saves?: number | null;
  /** Average watch time, in the same unit as {@link EngagementMetrics.videoLength}. */
  averageWatchTime?: number | null;
  /** Video length, in the unit of `averageWatchTime`. */
  videoLength?: number | null;
  /** Conversions (sign-ups, purchases…). */
  conversions?: number | null;
  /** Median views of the channel, for the relative performance index. */
  channelMedianViews?: number | null;
  /** Median likes of the channel. */
  channelMedianLikes?: number | null;
  /** Median comments of the channel. */
  channelMedianComments?: number | null;
  /** Median shares of the channel. */
  channelMedianShares?: number | null;
  /** Median saves of the channel. */
  channelMedianSaves?: number | null;
}

/** Metrics that {@link relativePerformanceIndex} can compare with a channel median. */
export type RpiMetric = 'views' | 'likes' | 'comments' | 'shares' | 'saves';

const MEDIAN_FIELD = {
  views: 'channelMedianViews',
  likes: 'channelMedianLikes',
  comments: 'channelMedianComments',
  shares: 'channelMedianShares',
  saves: 'channelMedianSaves',
} as const satisfies Record<RpiMetric, keyof EngagementMetrics>;

/** The Universal Content Score with the four percentages it is built from. */
export interface UniversalContentScore {
  /** 0–100. */
  universalContentScore: number;
  /** See {@link engagementRate}. */
  engagementRate: number;
  /** See {@link watchThroughRate}. */
  watchThroughRate: number;
  /** RPI on views; may exceed 100. */
  relativePerformanceIndex: number;
  /** See {@link conversionRate}. */
  conversionRate: number;
}

/**
 * Engagement rate in percent: (likes + comments + shares + saves) / views × 100; 0 without
 * views. Not capped.
 * @throws {@link ScoringInputError} when a present field is negative, non-finite or not a number.
 */
export function engagementRate(m: EngagementMetrics): number {
  const views = metricValue(m.views, 'views');
  const interactions =
    metricValue(m.likes, 'likes') +
    metricValue(m.comments, 'comments') +
    metricValue(m.shares, 'shares') +
    metricValue(m.saves, 'saves');
  return views === 0 ? 0 : (interactions / views) * 100;
}

/**
 * Watch-through rate in percent: averageWatchTime / videoLength × 100, capped at 100; 0 when
 * the length is 0.
 * @throws {@link ScoringInputError} on a bad field.
 */
export function watchThroughRate(m: EngagementMetrics): number {
  const length = metricValue(m.videoLength, 'videoLength');
  const watched = metricValue(m.averageWatchTime, 'averageWatchTime');
  return length === 0 ? 0 : Math.min((watched / length) * 100, 100);
}

/**
 * Conversion rate in percent: conversions / views × 100; 0 without views. Not capped.
 * @throws {@link ScoringInputError} on a bad field.
 */
export function conversionRate(m: EngagementMetrics): number {
  const views = metricValue(m.views, 'views');
  const conversions = metricValue(m.conversions, 'conversions');
  return views === 0 ? 0 : (conversions / views) * 100;
}

/**
 * Relative performance index in percent: the metric against the channel's median for it
 * (`channelMedianViews` for `views`, …); 0 when the median is 0. May exceed 100.
 * @throws {@link ScoringInputError} on a bad field.
 */
export function relativePerformanceIndex(
  m: EngagementMetrics,
  metric: RpiMetric = 'views',
): number {
  const medianField = MEDIAN_FIELD[metric];
  const median = metricValue(m[medianField], medianField);
  const value = metricValue(m[metric], metric);
  return median === 0 ? 0 : (value / median) * 100;
}

/**
 * Universal Content Score: 0.4·ER + 0.4·WTR + 0.2·(min(RPI, 200) / 2), capped at 100, with
 * the component metrics alongside.
 * @throws {@link ScoringInputError} on a bad field.
 */
export function universalContentScore(m: EngagementMetrics): UniversalContentScore {
  const er = engagementRate(m);
  const wtr = watchThroughRate(m);
  const rpi = relativePerformanceIndex(m, 'views');
  const cr = conversionRate(m);
  const score = Math.min(0.4 * er + 0.4 * wtr + 0.2 * (Math.min(rpi, 200) / 2), 100);
  return {
    universalContentScore: score,
    engagementRate: er,
    watchThroughRate: wtr,
    relativePerformanceIndex: rpi,
    conversionRate: cr,
  };
}
