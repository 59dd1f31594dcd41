import { measureText } from './text-statistics.js';

/** Result of {@link descriptionQuality}. */
export interface DescriptionQuality {
  /** 0–100. */
  descriptionQualityScore: number;
  /** The word-count part, 0–1. */
  descriptionLengthScore: number;
  /** Words in the description. */
  descriptionWordCount: number;
  /** Sentences in the description. */
  descriptionSentenceCount: number;
}

/**
 * Description quality 0–100: 60 % word count (best 10–50), 40 % sentence count (best 1–3).
 * An empty description scores 0.
 */
export function descriptionQuality(description: string | null | undefined): DescriptionQuality {
  if (!description) {
    return {
      descriptionQualityScore: 0,
      descriptionLengthScore: 0,
      descriptionWordCount: 0,
      descriptionSentenceCount: 0,
    };
  }
  const stats = measureText(description);
  const w = stats.wordCount;
  const s = stats.sentenceCount;
  let lengthPart: number;
  if (w < 10) lengthPart = w / 10;
  else if (w <= 50) lengthPart = 1;
  else if (w <= 100) lengthPart = 1 - ((w - 50) / 50) * 0.3;
  else lengthPart = Math.max(0.4, 0.7 - ((w - 100) / 100) * 0.3);
  let sentencePart: number;
  if (s === 0) sentencePart = 0;
  else if (s <= 3) sentencePart = 1;
  else sentencePart = Math.max(0.5, 1 - ((s - 3) / 5) * 0.5);
  return {
    descriptionQualityScore: (0.6 * lengthPart + 0.4 * sentencePart) * 100,
    descriptionLengthScore: lengthPart,
    descriptionWordCount: w,
    descriptionSentenceCount: s,
  };
}
