import { defaultKeywordTables } from './default-keyword-tables.js';

/** A primary category: its stable id, display label, what it covers and whether it is usable. */
export interface CategoryInfo {
  /** Stable id, e.g. `gaming`. */
  readonly id: string;
  /** Human label, e.g. `Gaming`; the value of {@link CategoryResult.category}. */
  readonly label: string;
  /** What content belongs here. */
  readonly about: string;
  /** false only for the fallback category (Unusable): content not useful for story generation. */
  readonly usable: boolean;
}

/** Labels of the eight default categories, for comparisons without string typos. */
export const Category = Object.freeze({
  Storytelling: 'Storytelling',
  Entertainment: 'Entertainment',
  Education: 'Education / Informational',
  Lifestyle: 'Lifestyle / Vlog',
  Gaming: 'Gaming',
  ChallengesTrends: 'Challenges & Trends',
  ReviewsCommentary: 'Reviews & Commentary',
  Unusable: 'Unusable',
} as const);

/** A label of one of the eight default categories. */
export type CategoryLabel = (typeof Category)[keyof typeof Category];

/** The eight default categories in tie-break order, with label, `about` and `usable`. */
export function defaultCategories(): readonly CategoryInfo[] {
  return defaultKeywordTables().categories.map(({ id, label, about, usable }) =>
    Object.freeze({ id, label, about, usable }),
  );
}
