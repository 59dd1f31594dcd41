import { z } from 'zod';
import type { ScorableIdea } from '../ideas/idea-scorer.js';

export type { ScorableIdea };

// Validation for data that arrives from outside (files, HTTP bodies, other processes). The
// typed scoring functions do not run these: they check each number cheaply themselves.

const metric = z.number().nonnegative().finite().nullish();
const platformCount = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^[0-9]+$/, 'must be a decimal integer'),
  ])
  .nullish();

/** `EngagementMetrics` as external JSON: every field optional, finite and non-negative. */
export const EngagementMetricsSchema = z.looseObject({
  views: metric,
  likes: metric,
  comments: metric,
  shares: metric,
  saves: metric,
  averageWatchTime: metric,
  videoLength: metric,
  conversions: metric,
  channelMedianViews: metric,
  channelMedianLikes: metric,
  channelMedianComments: metric,
  channelMedianShares: metric,
  channelMedianSaves: metric,
});

/** YouTube `statistics`: counts as decimal-integer strings or non-negative integers. */
export const YouTubeStatisticsSchema = z.looseObject({
  viewCount: platformCount,
  likeCount: platformCount,
  commentCount: platformCount,
});

/** A YouTube video resource, as far as `youtubeScore` reads it. */
export const YouTubeVideoSchema = z.looseObject({ statistics: YouTubeStatisticsSchema.nullish() });

/** A Reddit post, as far as `redditScore` reads it. */
export const RedditPostSchema = z.looseObject({
  num_views: metric,
  score: metric,
  ups: metric,
  num_comments: metric,
});

/** Metadata of an idea: YouTube `statistics` or Reddit-style counts, other keys kept. */
export const IdeaMetadataSchema = z.looseObject({
  statistics: YouTubeStatisticsSchema.nullish(),
  score: metric,
  num_comments: metric,
  num_views: metric,
});

/**
 * A `ScorableIdea` as JSON. Accepts the body as `textContent` or as `text_content`, the
 * name the PrismQ Python tools write, and yields a `ScorableIdea`.
 */
export const ScorableIdeaSchema = z
  .looseObject({
    title: z.string().nullish(),
    description: z.string().nullish(),
    textContent: z.string().nullish(),
    text_content: z.string().nullish(),
    content: z.string().nullish(),
    metadata: IdeaMetadataSchema.nullish(),
  })
  .transform((record): ScorableIdea => ({
    title: record.title,
    description: record.description,
    textContent: record.textContent || record.text_content,
    content: record.content,
    metadata: record.metadata,
  }));
