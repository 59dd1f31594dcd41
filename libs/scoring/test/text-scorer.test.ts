import { describe, expect, it } from 'vitest';
import {
  TextScorer,
  descriptionQuality,
  lengthScore,
  readability,
  scoreText,
  sentiment,
  structureScore,
  titleQuality,
  titleRelevance,
} from '../src/index.js';

const words = (n: number, word = 'word'): string => Array.from({ length: n }, () => word).join(' ');

describe('readability', () => {
  it('applies the Flesch formulas to words, sentences and syllables', () => {
    // 6 words in 2 sentences with 10 syllables (pen·cils, ta·ble, o·ran·ges, ho·tel).
    const result = readability('Pencils on table. Oranges at hotel.');
    expect(result.fleschReadingEase).toBeCloseTo(206.835 - 1.015 * 3 - 84.6 * (10 / 6), 10);
    expect(result.fleschKincaidGrade).toBeCloseTo(0.39 * 3 + 11.8 * (10 / 6) - 15.59, 10);
    expect(result.normalizedScore).toBeCloseTo(result.fleschReadingEase / 100, 12);
  });

  it('clamps reading ease to 0..100', () => {
    expect(readability('Go. Go. Go.').fleschReadingEase).toBe(100);
    expect(readability('Go. Go. Go.').fleschKincaidGrade).toBe(0); // 0.39 + 11.8 − 15.59 < 0
    expect(readability(words(60, 'incomprehensibility')).fleschReadingEase).toBe(0);
  });

  it('is all zeros without words or without sentences', () => {
    expect(readability('')).toEqual({
      fleschReadingEase: 0,
      fleschKincaidGrade: 0,
      normalizedScore: 0,
    });
    expect(readability('... !!!')).toEqual({
      fleschReadingEase: 0,
      fleschKincaidGrade: 0,
      normalizedScore: 0,
    });
  });
});

describe('lengthScore', () => {
  it.each([
    [0, 0],
    [50, 0.5],
    [99, 0.99],
    [100, 0.7],
    [300, 1],
    [1000, 1],
    [1500, 0.9],
    [2000, 0.8],
    [3500, 0.65],
    [20000, 0.5],
  ])('scores %i words as %d', (n, expected) => {
    expect(lengthScore(words(n))).toBeCloseTo(expected, 12);
  });
});

describe('structureScore', () => {
  it('is 0 for empty text and for text without a sentence', () => {
    expect(structureScore('')).toBe(0);
    expect(structureScore('   ')).toBe(0);
  });

  it('is 1 for 17.5-word sentences, 2–6 to a paragraph', () => {
    const sentence = `${words(17)} end`; // 18 words: |18 − 17.5| costs a little
    const paragraph = [sentence, sentence, sentence].join('. ');
    const score = structureScore(`${paragraph}.\n\n${paragraph}.`);
    expect(score).toBeCloseTo(0.6 * (1 - (0.5 / 17.5) * 0.5) + 0.4, 12);
  });

  it('halves the paragraph part for one sentence per paragraph', () => {
    const text = ['A b c.', 'D e f.'].join('\n\n');
    // r = 1 → paragraphScore 0.5; 3 words per sentence → sentenceScore 1 − 14.5/17.5·0.5.
    expect(structureScore(text)).toBeCloseTo(0.6 * (1 - (14.5 / 17.5) * 0.5) + 0.4 * 0.5, 12);
  });

  it('treats CRLF-separated paragraphs as one paragraph', () => {
    const sentences = Array.from({ length: 12 }, () => 'A b c.');
    const lf = structureScore(sentences.join('\n\n'));
    const crlf = structureScore(sentences.join('\r\n\r\n'));
    // LF: 12 paragraphs of 1 sentence (0.5). CRLF: 1 paragraph of 12 sentences (1 − 6/10·0.5 = 0.7).
    expect(crlf - lf).toBeCloseTo(0.4 * (0.7 - 0.5), 12);
  });
});

describe('sentiment', () => {
  it('scores (pos − neg) / (pos + neg) · 50 and labels beyond ±10', () => {
    const mixed = sentiment('good great bad');
    expect(mixed.score).toBeCloseTo(50 / 3, 12);
    expect(mixed).toEqual({
      score: mixed.score,
      category: 'positive',
      normalizedScore: mixed.score,
    });
    expect(sentiment('bad worst').category).toBe('negative');
    expect(sentiment('good bad').category).toBe('neutral');
    expect(sentiment('nothing here').score).toBe(0);
  });

  it('leaves punctuation attached, so "good." does not count', () => {
    expect(sentiment('good. great!').score).toBe(0);
  });
});

describe('titleRelevance', () => {
  it('is 0 when title or text is empty', () => {
    expect(titleRelevance('', 'text')).toBe(0);
    expect(titleRelevance('Title', '')).toBe(0);
    expect(titleRelevance(undefined, 'text')).toBe(0);
  });

  it('is 0.5 when the title has only stop words', () => {
    expect(titleRelevance('The and of', 'anything')).toBe(0.5);
  });

  it('counts distinct title words found as substrings of the lower-cased text', () => {
    expect(titleRelevance('Machine Learning Machine', 'machinery is learned')).toBe(0.5);
    expect(titleRelevance('Über Straße', 'ÜBER alles')).toBe(0.5);
  });
});

describe('scoreText', () => {
  it('scores empty text as 0 throughout', () => {
    expect(scoreText('', 'Title')).toMatchObject({
      overallTextScore: 0,
      titleRelevance: 0,
      sentimentCategory: 'neutral',
    });
  });

  it('combines the parts with the documented weights', () => {
    const text = 'Machine learning is great for people. It helps them learn.';
    const r = scoreText(text, 'Machine learning');
    const expected =
      100 *
      (0.25 * (r.readabilityScore / 100) +
        0.15 * r.lengthScore +
        0.2 * r.structureScore +
        (0.2 * (r.sentimentScore + 50)) / 100 +
        0.2 * r.titleRelevance);
    expect(r.overallTextScore).toBeCloseTo(expected, 10);
    expect(r.titleRelevance).toBe(1);
    expect(r.sentimentCategory).toBe('positive');
    expect([r.wordCount, r.sentenceCount]).toEqual([10, 2]);
  });
});

describe('titleQuality', () => {
  it('counts an emoji as one character', () => {
    const result = titleQuality('Great game 🎮🔥');
    expect(result.titleCharCount).toBe(13);
    expect(result.titleWordCount).toBe(2);
    expect(result.titleLengthScore).toBeCloseTo(13 / 30, 12);
    expect(result.titleQualityScore).toBeCloseTo((0.5 * (13 / 30) + 0.5 * (2 / 4) * 0.7) * 100, 10);
  });

  it('is 100 for 30–70 characters in 4–12 words', () => {
    expect(titleQuality('Introduction to Machine Learning Today').titleQualityScore).toBe(100);
  });

  it('floors long titles at 0.4 (characters) and 0.5 (words)', () => {
    const long = titleQuality(words(60, 'long'));
    expect(long.titleLengthScore).toBe(0.4);
    expect(long.titleQualityScore).toBeCloseTo(45, 12);
  });

  it('is all zeros for an empty title', () => {
    expect(titleQuality('')).toEqual({
      titleQualityScore: 0,
      titleLengthScore: 0,
      titleWordCount: 0,
      titleCharCount: 0,
    });
  });
});

describe('descriptionQuality', () => {
  it('gives no sentence credit without a sentence and floors many sentences at 0.5', () => {
    expect(descriptionQuality('...').descriptionQualityScore).toBe(0);
    const many = descriptionQuality(Array.from({ length: 20 }, () => 'One two.').join(' '));
    expect(many.descriptionSentenceCount).toBe(20);
    expect(many.descriptionQualityScore).toBeCloseTo((0.6 * 1 + 0.4 * 0.5) * 100, 10);
  });

  it('scores 10–50 words in up to three sentences as 100', () => {
    expect(descriptionQuality(`${words(20)}. ${words(5)}.`).descriptionQualityScore).toBe(100);
  });
});

describe('TextScorer', () => {
  it('gives the same answers as the free functions', () => {
    const scorer = new TextScorer();
    const text = 'A good day. Then a bad night.\n\nMorning.';
    expect(scorer.scoreText(text, 'day')).toEqual(scoreText(text, 'day'));
    expect(scorer.readability(text)).toEqual(readability(text));
    expect(scorer.titleQuality('Day')).toEqual(titleQuality('Day'));
  });
});
