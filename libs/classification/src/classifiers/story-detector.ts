import { CallMarks } from '../matching/call-marks.js';
import { InvalidOptionError } from '../classification-error.js';
import {
  inputFromMetadata,
  normalizeInput,
  type ClassificationInput,
  type NormalizedInput,
} from './classification-input.js';
import { defaultKeywordTables } from '../tables/default-keyword-tables.js';
import { compileKeywordScanner, type KeywordScanner } from '../matching/keyword-scanner.js';
import { parseKeywordTables, type KeywordTables } from '../tables/keyword-tables.js';
import { mapInOrder } from './ordered-stream.js';
import { roundScore } from './score-rounding.js';
import { StoryTagIndex } from './story-tag-index.js';
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

/** Role bits of a keyword in the story tables (one keyword may play several). */
const NON_STORY = 1;
const DESCRIPTION = 2;
const OPENER = 4;

const DEFAULT_THRESHOLD = 0.3;
const MAX_OPENER_INDICATORS = 2;
/** Story keywords of the description counted (0.1 each). */
const MAX_DESCRIPTION_KEYWORDS = 2;

/**
 * Decides whether a piece of content is a story, from title keywords, description keywords,
 * story tags and first-person openers in the subtitle, vetoed by non-story keywords
 * (`tutorial`, `review`…). All the lists are compiled into one matcher at construction.
 *
 * @example
 * ```ts
 * new StoryDetector().detect({ title: 'AITA for leaving my own wedding?' });
 * // { isStory: true, confidence: 0.5, indicators: ['title keyword: aita'] }
 * ```
 */
export class StoryDetector {
  /** Confidence from which an item is a story. */
  readonly threshold: number;
  readonly #scanner: KeywordScanner;
  /** Per keyword id: its role bits and title weight (0 when it is no title keyword). */
  readonly #roles: Uint8Array;
  readonly #titleWeights: Float64Array;
  /** Per keyword id, indicator texts built once, so that a call only copies references. */
  readonly #titleIndicators: readonly string[];
  readonly #descriptionIndicators: readonly string[];
  readonly #nonStoryIndicators: readonly string[];
  readonly #openerIndicators: readonly string[];
  /** The story tags; a tag's index there is its index in `#tagIndicators`. */
  readonly #storyTags: StoryTagIndex;
  readonly #tagIndicators: readonly string[];
  /** Per-call de-duplication of story tags: the tags already counted. */
  readonly #tagsCounted: CallMarks;
  readonly #subtitleWindow: number;
  /** The answer when nothing indicates anything: one frozen object, since it never varies. */
  readonly #nothingFound: StoryResult;

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

    this.#nothingFound = Object.freeze({
      isStory: threshold === 0,
      confidence: 0,
      indicators: Object.freeze([]),
    });

    const story = tables.story;
    const idOf = new Map<string, number>();
    const keywords: string[] = [];
    const roles: number[] = [];
    const weights: number[] = [];
    const idFor = (keyword: string): number => {
      const text = keyword.trim();
      let id = idOf.get(text);
      if (id === undefined) {
        id = keywords.length;
        idOf.set(text, id);
        keywords.push(text);
        roles.push(0);
        weights.push(0);
      }
      return id;
    };
    const addRole = (keyword: string, role: number): void => {
      const id = idFor(keyword);
      roles[id] = (roles[id] as number) | role;
    };
    for (const [keyword, weight] of Object.entries(story.titleKeywords))
      weights[idFor(keyword)] = weight;
    for (const keyword of story.descriptionKeywords) addRole(keyword, DESCRIPTION);
    for (const keyword of story.nonStoryKeywords) addRole(keyword, NON_STORY);
    for (const keyword of story.firstPersonOpeners) addRole(keyword, OPENER);
    this.#scanner = compileKeywordScanner(keywords);
    this.#roles = Uint8Array.from(roles);
    this.#titleWeights = Float64Array.from(weights);
    this.#titleIndicators = keywords.map((keyword) => `title keyword: ${keyword}`);
    this.#descriptionIndicators = keywords.map((keyword) => `description keyword: ${keyword}`);
    this.#nonStoryIndicators = keywords.map((keyword) => `non-story keyword: ${keyword}`);
    this.#openerIndicators = keywords.map((keyword) => `first-person opener: ${keyword}`);

    const storyTags = new StoryTagIndex(story.tags);
    this.#storyTags = storyTags;
    this.#tagIndicators = storyTags.tags.map((tag) => `story tag: ${tag}`);
    this.#tagsCounted = new CallMarks(storyTags.tags.length);
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
    const scanner = this.#scanner;
    const found = scanner.found;
    const roles = this.#roles;
    const indicators: string[] = [];
    let score = 0;

    let titleWeight = 0;
    let count = scanner.scan(input.title);
    for (let k = 0; k < count; k++) {
      const id = found[k] as number;
      if (((roles[id] as number) & NON_STORY) !== 0) {
        return {
          isStory: false,
          confidence: 0,
          indicators: [this.#nonStoryIndicators[id] as string],
        };
      }
      const weight = this.#titleWeights[id] as number;
      if (weight > 0) {
        titleWeight += weight;
        indicators.push(this.#titleIndicators[id] as string);
      }
    }
    if (titleWeight >= 3) score += 0.5;
    else if (titleWeight >= 2) score += 0.3;
    else if (titleWeight >= 1) score += 0.15;

    let nonStoryInDescription = 0;
    let storyInDescription = 0;
    count = scanner.scan(input.description);
    for (let k = 0; k < count; k++) {
      const id = found[k] as number;
      const role = roles[id] as number;
      if ((role & NON_STORY) !== 0) nonStoryInDescription += 1;
      if ((role & DESCRIPTION) !== 0 && storyInDescription < MAX_DESCRIPTION_KEYWORDS) {
        storyInDescription += 1;
        indicators.push(this.#descriptionIndicators[id] as string);
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

    const tags = input.tags;
    if (tags.length > 0) {
      this.#tagsCounted.startRound();
      let storyTags = 0;
      for (let t = 0; t < tags.length; t++) {
        const index = this.#storyTags.indexOf(tags[t] as string);
        if (index >= 0 && this.#tagsCounted.mark(index)) {
          storyTags += 1;
          indicators.push(this.#tagIndicators[index] as string);
        }
      }
      score += storyTags >= 2 ? 0.2 : storyTags === 1 ? 0.1 : 0;
    }

    const subtitle = input.subtitleText;
    if (subtitle !== '') {
      count = scanner.scan(
        subtitle.length > this.#subtitleWindow ? subtitle.slice(0, this.#subtitleWindow) : subtitle,
      );
      let openers = 0;
      for (let k = 0; k < count; k++) {
        const id = found[k] as number;
        if (((roles[id] as number) & OPENER) === 0) continue;
        if (openers < MAX_OPENER_INDICATORS) indicators.push(this.#openerIndicators[id] as string);
        openers += 1;
      }
      if (openers > 0) score += 0.15;
    }

    if (score === 0 && indicators.length === 0) return this.#nothingFound;
    const confidence = roundScore(Math.min(score, 1));
    return { isStory: confidence >= this.threshold, confidence, indicators };
  }
}
