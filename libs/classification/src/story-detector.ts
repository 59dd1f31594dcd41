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
}

const DEFAULT_THRESHOLD = 0.3;
const MAX_OPENER_INDICATORS = 2;
const LEADING_HASHES = /^#+/;

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
  readonly #storyTags: ReadonlySet<string>;
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
        roles.push({ titleWeight: 0, description: false, nonStory: false, opener: false });
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
    this.#storyTags = new Set(story.tags.map(normalizeTag));
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
    const keywords = this.#matcher.keywords;
    const indicators: string[] = [];
    let score = 0;

    let titleWeight = 0;
    for (const id of this.#matcher.match(input.title)) {
      const roles = this.#roles[id] as StoryRoles;
      if (roles.nonStory)
        return {
          isStory: false,
          confidence: 0,
          indicators: [`non-story keyword: ${keywords[id] as string}`],
        };
      if (roles.titleWeight > 0) {
        titleWeight += roles.titleWeight;
        indicators.push(`title keyword: ${keywords[id] as string}`);
      }
    }
    if (titleWeight >= 3) score += 0.5;
    else if (titleWeight >= 2) score += 0.3;
    else if (titleWeight >= 1) score += 0.15;

    let nonStoryInDescription = 0;
    const descriptionKeywords: string[] = [];
    for (const id of this.#matcher.match(input.description)) {
      const roles = this.#roles[id] as StoryRoles;
      if (roles.nonStory) nonStoryInDescription += 1;
      if (roles.description) descriptionKeywords.push(keywords[id] as string);
    }
    if (nonStoryInDescription >= 2) {
      return {
        isStory: false,
        confidence: 0,
        indicators: [`non-story keywords in description: ${nonStoryInDescription}`],
      };
    }
    const counted = descriptionKeywords.slice(0, 2);
    score += counted.length === 2 ? 0.2 : counted.length === 1 ? 0.1 : 0;
    for (const keyword of counted) indicators.push(`description keyword: ${keyword}`);

    const storyTags: string[] = [];
    for (const tag of input.tags) {
      const normalized = normalizeTag(tag);
      if (this.#storyTags.has(normalized) && !storyTags.includes(normalized))
        storyTags.push(normalized);
    }
    score += storyTags.length >= 2 ? 0.2 : storyTags.length === 1 ? 0.1 : 0;
    for (const tag of storyTags) indicators.push(`story tag: ${tag}`);

    if (input.subtitleText !== '') {
      const openers = this.#matcher
        .match(input.subtitleText.slice(0, this.#subtitleWindow))
        .filter((id) => (this.#roles[id] as StoryRoles).opener);
      if (openers.length > 0) score += 0.15;
      for (const id of openers.slice(0, MAX_OPENER_INDICATORS))
        indicators.push(`first-person opener: ${keywords[id] as string}`);
    }

    const confidence = roundScore(Math.min(score, 1));
    return { isStory: confidence >= this.threshold, confidence, indicators };
  }
}

/** Story tags compare trimmed, lower-cased and without leading `#`. */
function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(LEADING_HASHES, '').trim();
}
