import { InvalidOptionError } from './classification-error.js';
import {
  inputFromMetadata,
  normalizeInput,
  type ClassificationInput,
  type NormalizedInput,
} from './classification-input.js';
import { defaultKeywordTables } from './default-keyword-tables.js';
import { compileKeywordMatcher, type KeywordMatcher } from './keyword-matcher.js';
import { parseKeywordTables, type KeywordTables } from './keyword-tables.js';
import { mapInOrder } from './ordered-stream.js';
import { roundScore } from './score-rounding.js';
import { checkSubtitleWindow } from './subtitle-window.js';

/** Result of {@link StoryDetector.detect}. */
export interface StoryResult {
  /** confidence ≥ the detector's threshold. */
  readonly isStory: boolean;
  /** Sum of the rule contributions, at most 1. */
  readonly confidence: number;
  /** Why, e.g. `title keyword: aita`, `story tag: storytime`, `non-story keyword: tutorial`. */
  readonly indicators: readonly string[];
}

/** Options of {@link StoryDetector}. */
export interface StoryDetectorOptions {
  /** Keyword tables in the shape of the shipped defaults; validated here, at construction. */
  readonly tables?: unknown;
  /** Confidence from which an item is a story, in [0, 1] (default 0.3). */
  readonly threshold?: number;
  /** How many characters of the subtitle are read (default 500). */
  readonly subtitleWindow?: number;
}

/** The roles a keyword plays in the story tables (one keyword may play several). */
interface StoryRoles {
  titleWeight: number;
  description: boolean;
  nonStory: boolean;
  opener: boolean;
  /** Indicator texts, built once so that a call only copies references. */
  readonly titleIndicator: string;
  readonly descriptionIndicator: string;
  readonly nonStoryIndicator: string;
  readonly openerIndicator: string;
}

const DEFAULT_THRESHOLD = 0.3;
const MAX_OPENER_INDICATORS = 2;
/** Story keywords of the description counted (0.1 each). */
const MAX_DESCRIPTION_KEYWORDS = 2;
/** Leading `#` marks, with any spaces between them, so that normalising twice changes nothing. */
const LEADING_HASHES = /^[#\s]+/;

/**
 * Decides whether a piece of content is a story, from title keywords, description keywords,
 * story tags and first-person openers in the subtitle, vetoed by non-story keywords
 * (`tutorial`, `review`…). All the lists are compiled into one matcher at construction.
 *
 * @example
 * new StoryDetector().detect({ title: 'AITA for leaving my own wedding?' });
 * // { isStory: true, confidence: 0.5, indicators: ['title keyword: aita'] }
 */
export class StoryDetector {
  /** Confidence from which an item is a story. */
  readonly threshold: number;
  readonly #matcher: KeywordMatcher;
  readonly #roles: readonly StoryRoles[];
  /** Normalised story tag → its indicator. */
  readonly #storyTagIndicators: ReadonlyMap<string, string>;
  readonly #subtitleWindow: number;

  /** Throws {@link KeywordTableError} for a bad table, {@link InvalidOptionError} for bad options. */
  constructor(options: StoryDetectorOptions = {}) {
    const tables: KeywordTables =
      options.tables === undefined ? defaultKeywordTables() : parseKeywordTables(options.tables);
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new InvalidOptionError('threshold', 'must be a number from 0 to 1', options.threshold);
    }
    this.threshold = threshold;
    this.#subtitleWindow = checkSubtitleWindow(options.subtitleWindow);

    const story = tables.story;
    const idOf = new Map<string, number>();
    const keywords: string[] = [];
    const roles: StoryRoles[] = [];
    const rolesOf = (keyword: string): StoryRoles => {
      const text = keyword.trim();
      let id = idOf.get(text);
      if (id === undefined) {
        id = keywords.length;
        idOf.set(text, id);
        keywords.push(text);
        roles.push({
          titleWeight: 0,
          description: false,
          nonStory: false,
          opener: false,
          titleIndicator: `title keyword: ${text}`,
          descriptionIndicator: `description keyword: ${text}`,
          nonStoryIndicator: `non-story keyword: ${text}`,
          openerIndicator: `first-person opener: ${text}`,
        });
      }
      return roles[id] as StoryRoles;
    };
    for (const [keyword, weight] of Object.entries(story.titleKeywords))
      rolesOf(keyword).titleWeight = weight;
    for (const keyword of story.descriptionKeywords) rolesOf(keyword).description = true;
    for (const keyword of story.nonStoryKeywords) rolesOf(keyword).nonStory = true;
    for (const keyword of story.firstPersonOpeners) rolesOf(keyword).opener = true;
    this.#matcher = compileKeywordMatcher(keywords);
    this.#roles = roles;
    this.#storyTagIndicators = new Map(
      story.tags.map((tag) => [normalizeTag(tag), `story tag: ${normalizeTag(tag)}`]),
    );
  }

  /**
   * Detects whether one item is a story. Missing fields count as empty; a wrongly typed
   * field throws {@link InvalidFieldError}.
   */
  detect(input: ClassificationInput): StoryResult {
    return this.#detectNormalized(normalizeInput(input));
  }

  /** Detects on a raw record with `title`, `description`, `tags`, `subtitle_text`. */
  detectFromMetadata(record: unknown): StoryResult {
    return this.#detectNormalized(inputFromMetadata(record));
  }

  /** Detects on each input, in order. */
  detectBatch(inputs: readonly ClassificationInput[]): StoryResult[] {
    return inputs.map((input) => this.detect(input));
  }

  /** Detects on a (possibly endless) stream of inputs, yielding results in input order. */
  detectStream(
    inputs: AsyncIterable<ClassificationInput> | Iterable<ClassificationInput>,
  ): AsyncGenerator<StoryResult, void, undefined> {
    return mapInOrder(inputs, (input) => this.detect(input));
  }

  #detectNormalized(input: NormalizedInput): StoryResult {
    const roles = this.#roles;
    const indicators: string[] = [];
    let score = 0;

    let titleWeight = 0;
    const title = this.#matcher.match(input.title);
    for (let k = 0; k < title.length; k++) {
      const role = roles[title[k] as number] as StoryRoles;
      if (role.nonStory)
        return { isStory: false, confidence: 0, indicators: [role.nonStoryIndicator] };
      if (role.titleWeight > 0) {
        titleWeight += role.titleWeight;
        indicators.push(role.titleIndicator);
      }
    }
    if (titleWeight >= 3) score += 0.5;
    else if (titleWeight >= 2) score += 0.3;
    else if (titleWeight >= 1) score += 0.15;

    let nonStoryInDescription = 0;
    let storyInDescription = 0;
    const description = this.#matcher.match(input.description);
    for (let k = 0; k < description.length; k++) {
      const role = roles[description[k] as number] as StoryRoles;
      if (role.nonStory) nonStoryInDescription += 1;
      if (role.description && storyInDescription < MAX_DESCRIPTION_KEYWORDS) {
        storyInDescription += 1;
        indicators.push(role.descriptionIndicator);
      }
    }
    if (nonStoryInDescription >= 2) {
      return {
        isStory: false,
        confidence: 0,
        indicators: [`non-story keywords in description: ${nonStoryInDescription}`],
      };
    }
    score += storyInDescription === 2 ? 0.2 : storyInDescription === 1 ? 0.1 : 0;

    let storyTags = 0;
    const firstTagIndicator = indicators.length;
    for (const tag of input.tags) {
      const indicator =
        this.#storyTagIndicators.get(tag) ?? this.#storyTagIndicators.get(normalizeTag(tag));
      if (indicator !== undefined && !indicators.includes(indicator, firstTagIndicator)) {
        storyTags += 1;
        indicators.push(indicator);
      }
    }
    score += storyTags >= 2 ? 0.2 : storyTags === 1 ? 0.1 : 0;

    if (input.subtitleText !== '') {
      const subtitle = this.#matcher.match(input.subtitleText.slice(0, this.#subtitleWindow));
      let openers = 0;
      for (let k = 0; k < subtitle.length; k++) {
        const role = roles[subtitle[k] as number] as StoryRoles;
        if (!role.opener) continue;
        if (openers < MAX_OPENER_INDICATORS) indicators.push(role.openerIndicator);
        openers += 1;
      }
      if (openers > 0) score += 0.15;
    }

    const confidence = roundScore(Math.min(score, 1));
    return { isStory: confidence >= this.threshold, confidence, indicators };
  }
}

/** Story tags compare trimmed, lower-cased and without leading `#`. */
function normalizeTag(tag: string): string {
  return tag.toLowerCase().replace(LEADING_HASHES, '').trim();
}
