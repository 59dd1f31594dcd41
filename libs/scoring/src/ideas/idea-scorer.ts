import { metricValue } from '../engagement/metric-value.js';
import { youtubeStatisticsScore, type YouTubeStatistics } from '../engagement/platform-adapters.js';
import {
  DEFAULT_WEIGHTS,
  scoreCounts,
  type EngagementScore,
  type EngagementScoreDetails,
} from '../engagement/scoring-engine.js';
import { descriptionQuality, type DescriptionQuality } from '../text/description-quality.js';
import { scoreText, type TextScore } from '../text/text-quality.js';
import { titleQuality, type TitleQuality } from '../text/title-quality.js';

/** Platform data attached to an idea; only the fields below are read. */
export interface IdeaMetadata {
  /** YouTube statistics; when present, engagement is scored as a YouTube video. */
  statistics?: YouTubeStatistics | null;
  /** Reddit-style fields, used when there are no `statistics`. */
  score?: number | null;
  /** Reddit comments. */
  num_comments?: number | null;
  /** Reddit views (usually missing). */
  num_views?: number | null;
  /** Other platform fields are kept and ignored. */
  [key: string]: unknown;
}

/** A record to score: the parts of an idea that can be scored. */
export interface ScorableIdea {
  /** Scored for title quality and used for title relevance. */
  title?: string | null;
  /** Scored for description quality. */
  description?: string | null;
  /** The body; `content` stands in when this is empty or missing. */
  textContent?: string | null;
  /** The body when `textContent` is empty or missing. */
  content?: string | null;
  /** Platform data for the engagement part. */
  metadata?: IdeaMetadata | null;
}

/** Per-part results behind a {@link ScoreBreakdown}. */
export interface ScoreBreakdownDetails {
  /** {@link scoreText} of the body against the title. */
  textQuality: TextScore;
  /** {@link titleQuality} of the title. */
  titleQuality: TitleQuality;
  /** {@link descriptionQuality} of the description. */
  descriptionQuality: DescriptionQuality;
  /** `null` when the idea carries no engagement data. */
  engagement: EngagementScoreDetails | null;
}

/** Result of {@link scoreIdeaInspiration}; every score is 0–100 except `sentimentScore` (−50–50). */
export interface ScoreBreakdown {
  /** The weighted total, 0–100. */
  overallScore: number;
  /** Title quality, 0–100. */
  titleScore: number;
  /** Description quality, 0–100. */
  descriptionScore: number;
  /** Text quality of the body, 0–100. */
  textQualityScore: number;
  /** Engagement, 0–100; 0 without engagement data. */
  engagementScore: number;
  /** Flesch Reading Ease of the body, 0–100. */
  readabilityScore: number;
  /** Sentiment of the body, −50 to 50. */
  sentimentScore: number;
  /** Always 0: reserved in the breakdown; no rule scores it. */
  seoScore: number;
  /** Always 0: reserved in the breakdown; no rule scores it. */
  tagsScore: number;
  /** Always 0: reserved in the breakdown; no rule scores it. */
  similarityScore: number;
  /** The parts behind the scores. */
  details: ScoreBreakdownDetails;
}

/** Result of {@link scoreTextContent}. */
export interface TextContentScore {
  /** min(0.5·text + 0.3·title + 0.2·description, 100). */
  compositeScore: number;
  /** {@link scoreText} of the text against the title. */
  textQuality: TextScore;
  /** {@link titleQuality} of the title. */
  titleQuality: TitleQuality;
  /** {@link descriptionQuality} of the description. */
  descriptionQuality: DescriptionQuality;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function ideaEngagement(metadata: IdeaMetadata | null | undefined): EngagementScore | null {
  if (!metadata) return null;
  if (present(metadata.statistics)) {
    return youtubeStatisticsScore(metadata.statistics as YouTubeStatistics, 'metadata.statistics');
  }
  if (present(metadata.score) || present(metadata.num_comments)) {
    return scoreCounts(
      DEFAULT_WEIGHTS,
      metricValue(metadata.num_views, 'metadata.num_views'),
      metricValue(metadata.score, 'metadata.score'),
      metricValue(metadata.num_comments, 'metadata.num_comments'),
      0,
      0,
    );
  }
  return null;
}

/**
 * Scores an idea: text quality of its body against its title, title and description
 * quality, and engagement from YouTube `statistics` or Reddit-style metadata. With
 * engagement above 0 the overall score is 40 % text, 20 % title, 10 % description, 30 %
 * engagement; otherwise 50 % text, 30 % title, 20 % description. Capped at 100.
 * @throws {@link ScoringInputError} when a metadata count is invalid.
 */
export function scoreIdeaInspiration(idea: ScorableIdea): ScoreBreakdown {
  const title = idea.title ?? '';
  const body = idea.textContent || idea.content || '';
  const text = scoreText(body, title);
  const titlePart = titleQuality(title);
  const descriptionPart = descriptionQuality(idea.description ?? '');
  const engagement = ideaEngagement(idea.metadata);
  const engagementScore = engagement === null ? 0 : engagement.score;
  const overall =
    engagementScore > 0
      ? 0.4 * text.overallTextScore +
        0.2 * titlePart.titleQualityScore +
        0.1 * descriptionPart.descriptionQualityScore +
        0.3 * engagementScore
      : 0.5 * text.overallTextScore +
        0.3 * titlePart.titleQualityScore +
        0.2 * descriptionPart.descriptionQualityScore;
  return {
    overallScore: Math.min(overall, 100),
    titleScore: titlePart.titleQualityScore,
    descriptionScore: descriptionPart.descriptionQualityScore,
    textQualityScore: text.overallTextScore,
    engagementScore,
    readabilityScore: text.readabilityScore,
    sentimentScore: text.sentimentScore,
    seoScore: 0,
    tagsScore: 0,
    similarityScore: 0,
    details: {
      textQuality: text,
      titleQuality: titlePart,
      descriptionQuality: descriptionPart,
      engagement: engagement === null ? null : engagement.details,
    },
  };
}

/**
 * Scores title, description and body without engagement:
 * `compositeScore = min(0.5·text + 0.3·title + 0.2·description, 100)`.
 */
export function scoreTextContent(
  title: string,
  description: string,
  text: string,
): TextContentScore {
  const textPart = scoreText(text, title);
  const titlePart = titleQuality(title);
  const descriptionPart = descriptionQuality(description);
  const composite = Math.min(
    0.5 * textPart.overallTextScore +
      0.3 * titlePart.titleQualityScore +
      0.2 * descriptionPart.descriptionQualityScore,
    100,
  );
  return {
    compositeScore: composite,
    textQuality: textPart,
    titleQuality: titlePart,
    descriptionQuality: descriptionPart,
  };
}

/**
 * Scores many ideas; results are in input order.
 * @throws {@link ScoringInputError} at the first idea with invalid metadata.
 */
export function scoreIdeaInspirationBatch(ideas: Iterable<ScorableIdea>): ScoreBreakdown[] {
  const results: ScoreBreakdown[] = [];
  for (const idea of ideas) results.push(scoreIdeaInspiration(idea));
  return results;
}

/**
 * Scores ideas as they arrive from a (possibly async) source and yields each breakdown in
 * input order, holding one idea at a time, so a large export never sits in memory whole.
 * @throws {@link ScoringInputError} at the first idea with invalid metadata.
 */
export async function* scoreIdeaInspirationStream(
  ideas: AsyncIterable<ScorableIdea> | Iterable<ScorableIdea>,
): AsyncGenerator<ScoreBreakdown, void, undefined> {
  for await (const idea of ideas) yield scoreIdeaInspiration(idea);
}
