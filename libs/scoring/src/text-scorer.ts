import { measureText, type TextStatistics } from './text-statistics.js';
import { lowerCaseWords } from './word-characters.js';

/** Flesch scores of a text. */
export interface Readability {
  /** Flesch Reading Ease, clamped to 0–100 (higher reads easier). */
  fleschReadingEase: number;
  /** Flesch–Kincaid grade level, at least 0. */
  fleschKincaidGrade: number;
  /** `fleschReadingEase / 100`. */
  normalizedScore: number;
}

/** Sentiment label derived from {@link Sentiment.score}. */
export type SentimentCategory = 'positive' | 'negative' | 'neutral';

/** Lexicon sentiment of a text. */
export interface Sentiment {
  /** −50 to 50: (positive − negative) / (positive + negative) · 50. */
  score: number;
  category: SentimentCategory;
  /** Same as `score`, kept for parity with the earlier implementation. */
  normalizedScore: number;
}

/** Result of {@link scoreText}. */
export interface TextScore {
  /** 0–100. */
  overallTextScore: number;
  /** Flesch Reading Ease. */
  readabilityScore: number;
  /** Flesch–Kincaid grade. */
  readabilityGrade: number;
  lengthScore: number;
  structureScore: number;
  sentimentScore: number;
  sentimentCategory: SentimentCategory;
  titleRelevance: number;
  wordCount: number;
  sentenceCount: number;
}

/** Result of {@link titleQuality}. */
export interface TitleQuality {
  /** 0–100. */
  titleQualityScore: number;
  /** The character-length part, 0–1. */
  titleLengthScore: number;
  titleWordCount: number;
  /** Unicode code points (an emoji counts 1). */
  titleCharCount: number;
}

/** Result of {@link descriptionQuality}. */
export interface DescriptionQuality {
  /** 0–100. */
  descriptionQualityScore: number;
  /** The word-count part, 0–1. */
  descriptionLengthScore: number;
  descriptionWordCount: number;
  descriptionSentenceCount: number;
}

const TITLE_STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'but',
  'in',
  'on',
  'at',
  'to',
  'for',
  'of',
  'with',
  'by',
]);

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

function readabilityOf(s: TextStatistics): Readability {
  const w = s.wordCount;
  const n = s.sentenceCount;
  if (w === 0 || n === 0)
    return { fleschReadingEase: 0, fleschKincaidGrade: 0, normalizedScore: 0 };
  const wordsPerSentence = w / n;
  const syllablesPerWord = s.syllableCount / w;
  const ease = clamp(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord, 0, 100);
  const grade = Math.max(0, 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59);
  return { fleschReadingEase: ease, fleschKincaidGrade: grade, normalizedScore: ease / 100 };
}

function lengthScoreOf(w: number): number {
  if (w < 100) return w / 100;
  if (w <= 300) return 0.7 + ((w - 100) / 200) * 0.3;
  if (w <= 1000) return 1;
  if (w <= 2000) return 1 - ((w - 1000) / 1000) * 0.2;
  return Math.max(0.5, 0.8 - ((w - 2000) / 3000) * 0.3);
}

function structureScoreOf(s: TextStatistics): number {
  if (s.sentenceCount === 0) return 0;
  const wordsPerSentence = s.wordCount / s.sentenceCount;
  const sentenceScore = clamp(1 - (Math.abs(wordsPerSentence - 17.5) / 17.5) * 0.5, 0, 1);
  let paragraphScore = 1;
  if (s.paragraphCount > 0) {
    const sentencesPerParagraph = s.sentenceCount / s.paragraphCount;
    if (sentencesPerParagraph < 2) paragraphScore = sentencesPerParagraph / 2;
    else if (sentencesPerParagraph > 6)
      paragraphScore = Math.max(0.5, 1 - ((sentencesPerParagraph - 6) / 10) * 0.5);
  }
  return 0.6 * sentenceScore + 0.4 * paragraphScore;
}

function sentimentOf(s: TextStatistics): Sentiment {
  const total = s.positiveCount + s.negativeCount;
  const score = total === 0 ? 0 : ((s.positiveCount - s.negativeCount) / total) * 50;
  const category: SentimentCategory =
    score > 10 ? 'positive' : score < -10 ? 'negative' : 'neutral';
  return { score, category, normalizedScore: score };
}

function titleRelevanceOf(title: string, lowerCaseText: () => string): number {
  const words = new Set(lowerCaseWords(title));
  for (const stop of TITLE_STOP_WORDS) words.delete(stop);
  if (words.size === 0) return 0.5;
  const text = lowerCaseText();
  let found = 0;
  for (const word of words) if (text.includes(word)) found++;
  return Math.min(found / words.size, 1);
}

function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate that follows a high one is the second half of the same code point.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}

/**
 * Flesch Reading Ease and Flesch–Kincaid grade from words, sentences and syllables; all 0
 * for a text without words or sentences.
 */
export function readability(text: string): Readability {
  return readabilityOf(measureText(text));
}

/** Length score 0–1 by word count: best between 300 and 1 000 words, at least 0.5 beyond 2 000. */
export function lengthScore(text: string): number {
  return lengthScoreOf(measureText(text).wordCount);
}

/**
 * Structure score 0–1: 60 % sentence length (best near 17.5 words), 40 % sentences per
 * paragraph (best 2–6; paragraphs are split on `"\n\n"` only, so CRLF text is one paragraph).
 */
export function structureScore(text: string): number {
  return structureScoreOf(measureText(text));
}

/**
 * Lexicon sentiment on lower-cased whitespace tokens; punctuation stays attached, so
 * `good.` does not count.
 */
export function sentiment(text: string): Sentiment {
  return sentimentOf(measureText(text));
}

/**
 * Share (0–1) of the title's distinct words, stop words removed, that occur anywhere in the
 * lower-cased text as a substring; 0.5 when only stop words remain; 0 when either is empty.
 */
export function titleRelevance(title: string | null | undefined, text: string): number {
  if (!title || !text) return 0;
  return titleRelevanceOf(title, () => text.toLowerCase());
}

/**
 * Overall text quality 0–100 from readability (25 %), length (15 %), structure (20 %),
 * sentiment (20 %) and title relevance (20 %), with the parts. Empty text scores 0 throughout.
 */
export function scoreText(text: string, title?: string | null): TextScore {
  if (!text) {
    return {
      overallTextScore: 0,
      readabilityScore: 0,
      readabilityGrade: 0,
      lengthScore: 0,
      structureScore: 0,
      sentimentScore: 0,
      sentimentCategory: 'neutral',
      titleRelevance: 0,
      wordCount: 0,
      sentenceCount: 0,
    };
  }
  const stats = measureText(text);
  const read = readabilityOf(stats);
  const length = lengthScoreOf(stats.wordCount);
  const structure = structureScoreOf(stats);
  const mood = sentimentOf(stats);
  const relevance = title ? titleRelevanceOf(title, () => text.toLowerCase()) : 0;
  const overall = Math.min(
    100 *
      (0.25 * read.normalizedScore +
        0.15 * length +
        0.2 * structure +
        (0.2 * (mood.normalizedScore + 50)) / 100 +
        0.2 * relevance),
    100,
  );
  return {
    overallTextScore: overall,
    readabilityScore: read.fleschReadingEase,
    readabilityGrade: read.fleschKincaidGrade,
    lengthScore: length,
    structureScore: structure,
    sentimentScore: mood.score,
    sentimentCategory: mood.category,
    titleRelevance: relevance,
    wordCount: stats.wordCount,
    sentenceCount: stats.sentenceCount,
  };
}

/**
 * Title quality 0–100: half character length (best 30–70 code points), half word count
 * (best 4–12). An empty title scores 0.
 */
export function titleQuality(title: string | null | undefined): TitleQuality {
  if (!title)
    return { titleQualityScore: 0, titleLengthScore: 0, titleWordCount: 0, titleCharCount: 0 };
  const c = codePointLength(title);
  const w = measureText(title).wordCount;
  let charScore: number;
  if (c < 30) charScore = c / 30;
  else if (c <= 70) charScore = 1;
  else if (c <= 100) charScore = 1 - ((c - 70) / 30) * 0.3;
  else charScore = Math.max(0.4, 0.7 - ((c - 100) / 50) * 0.3);
  let wordScore: number;
  if (w < 4) wordScore = (w / 4) * 0.7;
  else if (w <= 12) wordScore = 1;
  else wordScore = Math.max(0.5, 1 - ((w - 12) / 8) * 0.5);
  return {
    titleQualityScore: (0.5 * charScore + 0.5 * wordScore) * 100,
    titleLengthScore: charScore,
    titleWordCount: w,
    titleCharCount: c,
  };
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

/**
 * The text measures grouped as one object, for callers that port code written against the
 * earlier `TextScorer` class. Stateless; every method is the free function of the same name.
 */
export class TextScorer {
  /** See {@link readability}. */
  readability(text: string): Readability {
    return readability(text);
  }
  /** See {@link lengthScore}. */
  lengthScore(text: string): number {
    return lengthScore(text);
  }
  /** See {@link structureScore}. */
  structureScore(text: string): number {
    return structureScore(text);
  }
  /** See {@link sentiment}. */
  sentiment(text: string): Sentiment {
    return sentiment(text);
  }
  /** See {@link titleRelevance}. */
  titleRelevance(title: string | null | undefined, text: string): number {
    return titleRelevance(title, text);
  }
  /** See {@link scoreText}. */
  scoreText(text: string, title?: string | null): TextScore {
    return scoreText(text, title);
  }
  /** See {@link titleQuality}. */
  titleQuality(title: string | null | undefined): TitleQuality {
    return titleQuality(title);
  }
  /** See {@link descriptionQuality}. */
  descriptionQuality(description: string | null | undefined): DescriptionQuality {
    return descriptionQuality(description);
  }
}
