import {
  inputFromMetadata,
  normalizeInput,
  type ClassificationInput,
  type NormalizedInput,
} from './classification-input.js';
import type { CategoryInfo } from '../tables/category.js';
import { defaultKeywordTables } from '../tables/default-keyword-tables.js';
import { CallMarks } from '../matching/call-marks.js';
import { compileKeywordMatcher, type KeywordMatcher } from '../matching/keyword-matcher.js';
import {
  parseKeywordTables,
  type FieldMultipliers,
  type KeywordTables,
} from '../tables/keyword-tables.js';
import { mapInOrder } from './ordered-stream.js';
import { roundScore } from './score-rounding.js';
import { checkSubtitleWindow } from './subtitle-window.js';

/** Result of {@link CategoryClassifier.classify}. */
export interface CategoryResult {
  /** Label of the winning category (`Gaming`, `Unusable`…). */
  readonly category: string;
  /** Stable id of the winning category (`gaming`, `unusable`…). */
  readonly categoryId: string;
  /** Whether the winning category is usable for story generation. */
  readonly usable: boolean;
  /** min(score / 20, 1); 0.5 when nothing matched. */
  readonly confidence: number;
  /** The winner's first five matches as `<field>: <keyword>` (title, description, tags, subtitle). */
  readonly indicators: readonly string[];
  /** Other categories scoring at least 2, label → score. */
  readonly secondary: Readonly<Record<string, number>>;
}

/** Options of {@link CategoryClassifier}. */
export interface CategoryClassifierOptions {
  /** Keyword tables in the shape of the shipped defaults; validated here, at construction. */
  readonly tables?: unknown;
  /** How many characters of the subtitle are read (default 500). */
  readonly subtitleWindow?: number;
}

/** Score needed for a runner-up category to be listed in `secondary`. */
const SECONDARY_MIN_SCORE = 2;
/** Score at which confidence reaches 1. */
const FULL_CONFIDENCE_SCORE = 20;
const MAX_INDICATORS = 5;
const NO_IDS: readonly number[] = Object.freeze([]);
/** Field names of indicators, in the order they are listed. */
const INDICATOR_FIELDS = ['title', 'description', 'tags', 'subtitle'] as const;

/** One weight of one keyword in one category. */
interface Contribution {
  readonly category: number;
  readonly weight: number;
}

/**
 * Picks the primary category of a piece of content from its title, description, tags and
 * subtitle. Keywords of all categories are compiled into one matcher when the classifier is
 * built, so each field is scanned once per call; reuse one instance for many items.
 *
 * @example
 * ```ts
 * const classifier = new CategoryClassifier();
 * classifier.classify({ title: 'Fortnite clutch montage', tags: ['gaming'] }).category; // 'Gaming'
 * ```
 */
export class CategoryClassifier {
  /** The categories of this classifier's table, in tie-break order. */
  readonly categories: readonly CategoryInfo[];
  readonly #matcher: KeywordMatcher;
  readonly #contributions: readonly (readonly Contribution[])[];
  readonly #multipliers: FieldMultipliers;
  /** The answer when nothing matches: one frozen object, shared, since it never varies. */
  readonly #unclassified: CategoryResult;
  readonly #subtitleWindow: number;
  /** `<field>: <keyword>` for each field (title, description, tags, subtitle) and keyword id. */
  readonly #indicatorTexts: readonly (readonly string[])[];
  /** 1 at `keywordId * categoryCount + category` when the keyword belongs to the category. */
  readonly #inCategory: Uint8Array;
  /** Per-call score scratch, reused: classification is synchronous, so calls never overlap. */
  readonly #scores: Float64Array;
  /** Per-call de-duplication of tag matches: keyword ids already listed. */
  readonly #tagMatchesListed: CallMarks;

  /** Throws {@link KeywordTableError} for a bad table, {@link InvalidOptionError} for a bad window. */
  constructor(options: CategoryClassifierOptions = {}) {
    const tables: KeywordTables =
      options.tables === undefined ? defaultKeywordTables() : parseKeywordTables(options.tables);
    this.#subtitleWindow = checkSubtitleWindow(options.subtitleWindow);
    this.categories = Object.freeze(
      tables.categories.map(({ id, label, about, usable }) =>
        Object.freeze({ id, label, about, usable }),
      ),
    );
    const fallback = this.categories.find((category) => !category.usable) as CategoryInfo;
    this.#unclassified = Object.freeze({
      category: fallback.label,
      categoryId: fallback.id,
      usable: false,
      confidence: 0.5,
      indicators: Object.freeze(['no clear indicators found']),
      secondary: Object.freeze({}),
    });
    this.#multipliers = { ...tables.fieldMultipliers };
    this.#scores = new Float64Array(this.categories.length);

    const idOf = new Map<string, number>();
    const keywords: string[] = [];
    const contributions: Contribution[][] = [];
    tables.categories.forEach((category, categoryIndex) => {
      for (const [keyword, weight] of Object.entries(category.keywords)) {
        const text = keyword.trim();
        let id = idOf.get(text);
        if (id === undefined) {
          id = keywords.length;
          idOf.set(text, id);
          keywords.push(text);
          contributions.push([]);
        }
        (contributions[id] as Contribution[]).push({ category: categoryIndex, weight });
      }
    });
    this.#matcher = compileKeywordMatcher(keywords);
    this.#contributions = contributions;
    this.#tagMatchesListed = new CallMarks(keywords.length);
    this.#indicatorTexts = INDICATOR_FIELDS.map((field) =>
      keywords.map((keyword) => `${field}: ${keyword}`),
    );
    this.#inCategory = new Uint8Array(keywords.length * this.categories.length);
    contributions.forEach((entries, id) => {
      for (const { category } of entries)
        this.#inCategory[id * this.categories.length + category] = 1;
    });
  }

  /**
   * Classifies one item. Missing fields count as empty; a wrongly typed field throws
   * {@link InvalidFieldError}.
   */
  classify(input: ClassificationInput): CategoryResult {
    return this.#classifyNormalized(normalizeInput(input));
  }

  /** Classifies a raw record with `title`, `description`, `tags`, `subtitle_text`. */
  classifyFromMetadata(record: unknown): CategoryResult {
    return this.#classifyNormalized(inputFromMetadata(record));
  }

  /** Classifies each input, in order. */
  classifyBatch(inputs: readonly ClassificationInput[]): CategoryResult[] {
    return inputs.map((input) => this.classify(input));
  }

  /** Classifies a (possibly endless) stream of inputs, yielding results in input order. */
  classifyStream(
    inputs: AsyncIterable<ClassificationInput> | Iterable<ClassificationInput>,
  ): AsyncGenerator<CategoryResult, void, undefined> {
    return mapInOrder(inputs, (input) => this.classify(input));
  }

  #classifyNormalized(input: NormalizedInput): CategoryResult {
    const scores = this.#scores;
    scores.fill(0);
    const multipliers = this.#multipliers;
    const title = this.#matcher.match(input.title);
    const description = this.#matcher.match(input.description);
    const subtitle =
      input.subtitleText === ''
        ? NO_IDS
        : this.#matcher.match(input.subtitleText.slice(0, this.#subtitleWindow));
    this.#add(scores, title, multipliers.title);
    this.#add(scores, description, multipliers.description);
    this.#add(scores, subtitle, multipliers.subtitle);
    let tagMatches: number[] | undefined;
    this.#tagMatchesListed.startRound();
    for (const tag of input.tags) {
      const ids = this.#matcher.match(tag);
      if (ids.length === 0) continue;
      this.#add(scores, ids, multipliers.tag);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        if (this.#tagMatchesListed.mark(id)) (tagMatches ??= []).push(id);
      }
    }

    let winner = -1;
    let best = 0;
    for (let i = 0; i < scores.length; i++) {
      if ((scores[i] as number) > best) {
        best = scores[i] as number;
        winner = i;
      }
    }
    if (winner < 0) return this.#unclassified;

    const indicators: string[] = [];
    const fieldMatches = [title, description, tagMatches ?? NO_IDS, subtitle];
    const categoryCount = this.categories.length;
    for (
      let field = 0;
      field < fieldMatches.length && indicators.length < MAX_INDICATORS;
      field++
    ) {
      const ids = fieldMatches[field] as readonly number[];
      const texts = this.#indicatorTexts[field] as readonly string[];
      for (let k = 0; k < ids.length && indicators.length < MAX_INDICATORS; k++) {
        const id = ids[k] as number;
        if (this.#inCategory[id * categoryCount + winner] === 1)
          indicators.push(texts[id] as string);
      }
    }
    const secondary: Record<string, number> = {};
    for (let index = 0; index < scores.length; index++) {
      const score = scores[index] as number;
      if (index !== winner && score >= SECONDARY_MIN_SCORE)
        secondary[(this.categories[index] as CategoryInfo).label] = roundScore(score);
    }
    const category = this.categories[winner] as CategoryInfo;
    return {
      category: category.label,
      categoryId: category.id,
      usable: category.usable,
      confidence: roundScore(Math.min(best / FULL_CONFIDENCE_SCORE, 1)),
      indicators,
      secondary,
    };
  }

  #add(scores: Float64Array, ids: readonly number[], multiplier: number): void {
    for (const id of ids) {
      for (const { category, weight } of this.#contributions[id] as readonly Contribution[]) {
        scores[category] = (scores[category] as number) + weight * multiplier;
      }
    }
  }
}
