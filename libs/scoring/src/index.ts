// The computing surface: plain functions and types, no Node built-ins and no validator, so
// that it bundles small for any platform. Schemas for external JSON are in `./schemas`.
export { ScoringInputError, ScoringConfigError, type ScoringErrorCode } from './errors.js';
export {
  engagementRate,
  watchThroughRate,
  conversionRate,
  relativePerformanceIndex,
  universalContentScore,
  type EngagementMetrics,
  type RpiMetric,
  type UniversalContentScore,
} from './engagement/engagement-metrics.js';
export {
  ScoringEngine,
  DEFAULT_WEIGHTS,
  type ScoringEngineOptions,
  type EngagementCounts,
  type EngagementScore,
  type EngagementScoreDetails,
} from './engagement/scoring-engine.js';
export {
  youtubeScore,
  redditScore,
  type YouTubeStatistics,
  type YouTubeVideo,
  type RedditPost,
} from './engagement/platform-adapters.js';
export {
  readability,
  lengthScore,
  structureScore,
  sentiment,
  titleRelevance,
  scoreText,
  type Readability,
  type Sentiment,
  type SentimentCategory,
  type TextScore,
} from './text/text-quality.js';
export { titleQuality, type TitleQuality } from './text/title-quality.js';
export { descriptionQuality, type DescriptionQuality } from './text/description-quality.js';
export { TextScorer } from './text/text-scorer.js';
export { measureText, type TextStatistics } from './text/text-statistics.js';
export { POSITIVE_WORDS, NEGATIVE_WORDS } from './text/sentiment-lexicon.js';
export { WORD_PATTERN } from './text/word-characters.js';
export {
  scoreIdeaInspiration,
  scoreTextContent,
  scoreIdeaInspirationBatch,
  scoreIdeaInspirationStream,
  type ScorableIdea,
  type IdeaMetadata,
  type ScoreBreakdown,
  type ScoreBreakdownDetails,
  type TextContentScore,
} from './ideas/idea-scorer.js';
