import { InvalidFieldError } from '../classification-error.js';
import { CategoryClassifier, type CategoryResult } from './category-classifier.js';
import { scoreKeywordsField, scoreTextField } from './field-score.js';
import { defaultKeywordTables } from '../tables/default-keyword-tables.js';
import { parseKeywordTables } from '../tables/keyword-tables.js';
import { mapInOrder } from './ordered-stream.js';
import { roundScore } from './score-rounding.js';
import { StoryDetector, type StoryResult } from './story-detector.js';

/** What {@link TextClassifier.enrich} reads: an IdeaInspiration or anything shaped like one. */
export interface EnrichableIdea {
  /** The title. */
  title?: string | null;
  /** The description. */
  description?: string | null;
  /** Body, subtitles or transcription; read as the subtitle. */
  content?: string | null;
  /** Keywords, read as the tags. */
  keywords?: readonly string[] | null;
}

/** Per-field scores of an enrichment, each in [0, 1]. */
export interface FieldScores {
  /** Score of the title (weight 1.5). */
  readonly title: number;
  /** Score of the description (weight 1.0). */
  readonly description: number;
  /** Score of the content (weight 0.8). */
  readonly content: number;
  /** Words in the keywords / 10, capped at 1. */
  readonly keywords: number;
}

/** Yes/no summary of an enrichment. */
export interface EnrichmentFlags {
  /** The story verdict. */
  readonly isStory: boolean;
  /** The primary category is usable for story generation. */
  readonly isUsable: boolean;
  /** `combinedScore > 0.7`. */
  readonly hasHighConfidence: boolean;
}

/** Result of {@link TextClassifier.enrich}. */
export interface Enrichment {
  /** The primary category. */
  readonly category: CategoryResult;
  /** The story verdict. */
  readonly story: StoryResult;
  /** Per-field scores. */
  readonly fieldScores: FieldScores;
  /** min(0.4 · category confidence + 0.3 · story confidence + 0.3 · mean field score, 1). */
  readonly combinedScore: number;
  /** Yes/no summary. */
  readonly flags: EnrichmentFlags;
  /** Sorted, de-duplicated keywords named by both classifiers' indicators. */
  readonly tags: readonly string[];
}

/** Options of {@link TextClassifier}. */
export interface TextClassifierOptions {
  /** Keyword tables for both classifiers; validated once, here. */
  readonly tables?: unknown;
  /** Story threshold (default 0.3). */
  readonly storyThreshold?: number;
  /** How many characters of the content are read (default 500). */
  readonly subtitleWindow?: number;
}

const FIELD_WEIGHTS = { title: 1.5, description: 1.0, content: 0.8 } as const;
const HIGH_CONFIDENCE = 0.7;
/** Indicators whose text after `:` is a count, not a keyword (`non-story keywords in description: 2`). */
const COUNT = /^\d+$/;

/**
 * Enriches ideas with both classifiers: category, story verdict, field scores, a combined
 * score, flags and tags. Both classifiers are built once and reused for every item.
 *
 * @example
 * ```ts
 * const enrichment = new TextClassifier().enrich({ title: 'My TIFU story', description: 'It happened to me', keywords: ['storytime'] });
 * enrichment.flags; // { isStory: true, isUsable: true, hasHighConfidence: false }
 * ```
 */
export class TextClassifier {
  /** The category classifier in use. */
  readonly categoryClassifier: CategoryClassifier;
  /** The story detector in use. */
  readonly storyDetector: StoryDetector;

  /** Throws {@link KeywordTableError} or {@link InvalidOptionError} on bad options. */
  constructor(options: TextClassifierOptions = {}) {
    const tables =
      options.tables === undefined ? defaultKeywordTables() : parseKeywordTables(options.tables);
    const shared = {
      tables,
      ...(options.subtitleWindow === undefined ? {} : { subtitleWindow: options.subtitleWindow }),
    };
    this.categoryClassifier = new CategoryClassifier(shared);
    this.storyDetector = new StoryDetector({
      ...shared,
      ...(options.storyThreshold === undefined ? {} : { threshold: options.storyThreshold }),
    });
  }

  /** Enriches one idea; a wrongly typed field throws {@link InvalidFieldError}. */
  enrich(idea: EnrichableIdea): Enrichment {
    if (typeof idea !== 'object' || idea === null)
      throw new InvalidFieldError('idea', 'an object', idea);
    const keywords = idea.keywords ?? [];
    if (!Array.isArray(keywords))
      throw new InvalidFieldError('keywords', 'an array of strings', keywords);
    const input = {
      title: idea.title,
      description: idea.description,
      tags: keywords,
      subtitleText: idea.content,
    };
    let category: CategoryResult;
    try {
      category = this.categoryClassifier.classify(input);
    } catch (error) {
      throw renameField(error);
    }
    const story = this.storyDetector.detect(input);

    const fieldScores: FieldScores = {
      title: roundScore(scoreTextField(idea.title ?? '', FIELD_WEIGHTS.title)),
      description: roundScore(scoreTextField(idea.description ?? '', FIELD_WEIGHTS.description)),
      content: roundScore(scoreTextField(idea.content ?? '', FIELD_WEIGHTS.content)),
      keywords: roundScore(scoreKeywordsField(keywords)),
    };
    const meanField =
      (fieldScores.title + fieldScores.description + fieldScores.content + fieldScores.keywords) /
      4;
    const combinedScore = roundScore(
      Math.min(0.4 * category.confidence + 0.3 * story.confidence + 0.3 * meanField, 1),
    );

    return {
      category,
      story,
      fieldScores,
      combinedScore,
      flags: {
        isStory: story.isStory,
        isUsable: category.usable,
        hasHighConfidence: combinedScore > HIGH_CONFIDENCE,
      },
      tags: indicatorKeywords([...category.indicators, ...story.indicators]),
    };
  }

  /** Enriches each idea, in order. */
  enrichBatch(ideas: readonly EnrichableIdea[]): Enrichment[] {
    return ideas.map((idea) => this.enrich(idea));
  }

  /** Enriches a (possibly endless) stream of ideas, yielding results in input order. */
  enrichStream(
    ideas: AsyncIterable<EnrichableIdea> | Iterable<EnrichableIdea>,
  ): AsyncGenerator<Enrichment, void, undefined> {
    return mapInOrder(ideas, (idea) => this.enrich(idea));
  }
}

/**
 * The keywords named by indicators (`title: story` → `story`), sorted and de-duplicated.
 * Indicators without a keyword (`no clear indicators found`, a count) contribute nothing.
 */
export function indicatorKeywords(indicators: readonly string[]): string[] {
  const keywords = new Set<string>();
  for (const indicator of indicators) {
    const colon = indicator.indexOf(':');
    if (colon < 0) continue;
    const keyword = indicator.slice(colon + 1).trim();
    if (keyword !== '' && !COUNT.test(keyword)) keywords.add(keyword);
  }
  return [...keywords].sort();
}

/** The idea calls its fields `content` and `keywords`; errors should use those names. */
function renameField(error: unknown): unknown {
  if (!(error instanceof InvalidFieldError)) return error;
  if (error.field === 'subtitleText')
    return new InvalidFieldError('content', error.expected, error.received);
  if (error.field.startsWith('tags'))
    return new InvalidFieldError(
      error.field.replace(/^tags/, 'keywords'),
      error.expected,
      error.received,
    );
  return error;
}
