import { ScoringConfigError } from '../errors.js';
import { metricValue } from './metric-value.js';

/** Counts the generic engagement score reads; a missing (or `null`) count is 0. */
export interface EngagementCounts {
  /** Views. */
  views?: number | null;
  /** Likes. */
  likes?: number | null;
  /** Comments. */
  comments?: number | null;
  /** Shares. */
  shares?: number | null;
  /** Saves. */
  saves?: number | null;
}

/** Component scores of {@link ScoringEngine.calculateScore}, each 0–1 except `finalScore`. */
export interface EngagementScoreDetails {
  /** min(views / 1 000 000, 1). */
  viewScore: number;
  /** min(likes / 50 000, 1). */
  likeScore: number;
  /** min(comments / 1 000, 1). */
  commentScore: number;
  /** min(engagement rate × 100, 1); counts only with a fourth weight. */
  engagementScore: number;
  /** Same as {@link EngagementScore.score}, 0–100. */
  finalScore: number;
}

/** Result of {@link ScoringEngine.calculateScore}. */
export interface EngagementScore {
  /** 0–100. */
  score: number;
  /** The component scores behind `score`. */
  details: EngagementScoreDetails;
}

/** Default component weights: views, likes, comments (the engagement component gets none). */
export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([1.0, 0.8, 0.6]);

/** Options of a {@link ScoringEngine}; checked when the engine is built. */
export interface ScoringEngineOptions {
  /**
   * One weight per component in the order views, likes, comments, engagement; each finite and
   * non-negative. Shorter lists ignore the later components; longer ones weigh missing
   * components (0) and so change nothing. `null` or missing: {@link DEFAULT_WEIGHTS}.
   */
  weights?: readonly number[] | null;
}

/**
 * The generic engagement score: four capped component scores, weighted and scaled to 0–100,
 * as the PrismQ Python scorer computes it.
 */
export class ScoringEngine {
  /** The weights in use (a copy; changing it does not change the engine). */
  readonly weights: readonly number[];

  /**
   * @throws {@link ScoringConfigError} when `weights` is not a list of finite, non-negative numbers.
   */
  constructor(options: ScoringEngineOptions = {}) {
    this.weights = Object.freeze([...checkedWeights(options)]);
  }

  /**
   * Scores views, likes, comments, shares and saves.
   * @throws {@link ScoringInputError} when a present count is negative, non-finite or not a number.
   */
  calculateScore(metrics: EngagementCounts): EngagementScore {
    const views = metricValue(metrics.views, 'views');
    const likes = metricValue(metrics.likes, 'likes');
    const comments = metricValue(metrics.comments, 'comments');
    const shares = metricValue(metrics.shares, 'shares');
    const saves = metricValue(metrics.saves, 'saves');
    return scoreCounts(this.weights, views, likes, comments, shares, saves);
  }
}

// Options arrive from callers' configuration, so they are checked as untrusted values; the
// check is by hand because the engine sits on the computing path, which carries no validator.
function checkedWeights(options: unknown): readonly number[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ScoringConfigError('ScoringEngine options', 'expected an object');
  }
  const weights = (options as { weights?: unknown }).weights;
  if (weights === undefined || weights === null) return DEFAULT_WEIGHTS;
  if (!Array.isArray(weights)) {
    throw new ScoringConfigError('ScoringEngine options', 'weights: expected an array of numbers');
  }
  weights.forEach((weight: unknown, index) => {
    if (typeof weight !== 'number' || !(weight >= 0 && weight < Infinity)) {
      throw new ScoringConfigError(
        'ScoringEngine options',
        `weights.${index}: expected a finite, non-negative number`,
      );
    }
  });
  return weights as readonly number[];
}

/** The formula on already-checked counts; shared with the platform adapters. */
export function scoreCounts(
  weights: readonly number[],
  views: number,
  likes: number,
  comments: number,
  shares: number,
  saves: number,
): EngagementScore {
  const engagementRate = views === 0 ? 0 : (likes + comments + shares + saves) / views;
  const viewScore = Math.min(views / 1_000_000, 1);
  const likeScore = Math.min(likes / 50_000, 1);
  const commentScore = Math.min(comments / 1_000, 1);
  const engagementScore = Math.min(engagementRate * 100, 1);
  const components = [viewScore, likeScore, commentScore, engagementScore];
  let sum = 0;
  // Components beyond the weights are cut and weights beyond the components meet a 0, as the
  // PrismQ Python scorer pairs the two lists; stored scores depend on that.
  const n = Math.min(weights.length, components.length);
  for (let i = 0; i < n; i++) sum += (components[i] as number) * (weights[i] as number) * 10;
  const finalScore = Math.min(sum, 100);
  return {
    score: finalScore,
    details: { viewScore, likeScore, commentScore, engagementScore, finalScore },
  };
}
