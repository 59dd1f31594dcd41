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
  /** `positive` above 10, `negative` below −10, otherwise `neutral`. */
  category: SentimentCategory;
  /** Same as `score`; the PrismQ Python scorer's results carry both fields. */
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
  /** 0–1, see {@link lengthScore}. */
  lengthScore: number;
  /** 0–1, see {@link structureScore}. */
  structureScore: number;
  /** −50 to 50, see {@link sentiment}. */
  sentimentScore: number;
  /** The label of `sentimentScore`. */
  sentimentCategory: SentimentCategory;
  /** 0–1, see {@link titleRelevance}; 0 without a title. */
  titleRelevance: number;
  /** Words in the text. */
  wordCount: number;
  /** Sentences in the text. */
  sentenceCount: number;
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
