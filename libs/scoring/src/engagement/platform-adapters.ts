import { DEFAULT_WEIGHTS, scoreCounts, type EngagementScore } from './scoring-engine.js';
import { countValue, metricValue } from './metric-value.js';

/** YouTube counts as the Data API sends them (strings) or as numbers; missing is 0. */
export interface YouTubeStatistics {
  /** Views. */
  viewCount?: string | number | null;
  /** Likes. */
  likeCount?: string | number | null;
  /** Comments. */
  commentCount?: string | number | null;
}

/** The part of a YouTube video resource the adapter reads. */
export interface YouTubeVideo {
  /** The counts; missing means all 0. */
  statistics?: YouTubeStatistics | null;
}

/** The part of a Reddit post (listing JSON) the adapter reads. */
export interface RedditPost {
  /** Usually `null` in Reddit's JSON; counts as 0. */
  num_views?: number | null;
  /** Net votes, read as likes. */
  score?: number | null;
  /** Used for likes when `score` is 0 or missing. */
  ups?: number | null;
  /** Comments. */
  num_comments?: number | null;
}

/**
 * Engagement score of a YouTube video from its `statistics`, with the default weights.
 * @throws {@link ScoringInputError} when a count is not a non-negative integer (or integer string).
 */
export function youtubeScore(video: YouTubeVideo): EngagementScore {
  return youtubeStatisticsScore(video.statistics ?? {}, 'statistics');
}

/**
 * {@link youtubeScore} on the statistics object itself; `path` prefixes field names in errors
 * (an idea's statistics live at `metadata.statistics`).
 */
export function youtubeStatisticsScore(stats: YouTubeStatistics, path: string): EngagementScore {
  return scoreCounts(
    DEFAULT_WEIGHTS,
    countValue(stats.viewCount, `${path}.viewCount`),
    countValue(stats.likeCount, `${path}.likeCount`),
    countValue(stats.commentCount, `${path}.commentCount`),
    0,
    0,
  );
}

/**
 * Engagement score of a Reddit post, with the default weights: views from `num_views`,
 * likes from `score` (or `ups` when `score` is 0 or missing), comments from `num_comments`.
 * @throws {@link ScoringInputError} when a present field is negative, non-finite or not a number.
 */
export function redditScore(post: RedditPost): EngagementScore {
  const score = metricValue(post.score, 'score');
  const likes = score === 0 ? metricValue(post.ups, 'ups') : score;
  return scoreCounts(
    DEFAULT_WEIGHTS,
    metricValue(post.num_views, 'num_views'),
    likes,
    metricValue(post.num_comments, 'num_comments'),
    0,
    0,
  );
}
