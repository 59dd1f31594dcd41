import { describe, expect, it } from 'vitest';
import { WORD_PATTERN, measureText } from '../src/index.js';

// A small deterministic generator: the scanner is checked against the plain definitions
// (regex words, split-on-terminators sentences, split-on-"\n\n" paragraphs) on varied text.
function* pseudoRandom(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    yield state;
  }
}

const POOL = [
  'a',
  'E',
  'x',
  'é',
  'ß',
  'Ж',
  '東',
  '٣',
  '½',
  '_',
  '7',
  ' ',
  ' ',
  '\n',
  '\n',
  '\t',
  '\r',
  '.',
  '!',
  '?',
  ',',
  "'",
  '-',
  '🎮',
  '🔥',
  '\u0301',
  '\u00a0',
  '𝒜',
  'good',
  'BAD',
  'the',
];

function randomText(random: Generator<number>, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += POOL[random.next().value % POOL.length];
  return text;
}

describe('measureText', () => {
  it('agrees with the regex definitions of words, sentences and paragraphs', () => {
    const random = pseudoRandom(7);
    for (let round = 0; round < 300; round++) {
      const text = randomText(random, 1 + (random.next().value % 120));
      const stats = measureText(text);
      expect(stats.wordCount, JSON.stringify(text)).toBe(text.match(WORD_PATTERN)?.length ?? 0);
      expect(stats.sentenceCount, JSON.stringify(text)).toBe(
        text.split(/[.!?]+/).filter((s) => s.trim() !== '').length,
      );
      expect(stats.paragraphCount, JSON.stringify(text)).toBe(
        text.split('\n\n').filter((p) => p.trim() !== '').length,
      );
    }
  });

  it.each([
    ['cat', 1],
    ['free', 1], // every trailing e goes: "fr" has no vowel, so the floor of 1 applies
    ['the', 1],
    ['queue', 1],
    ['machine', 2],
    ['beautiful', 3],
    ['rhythm', 1], // y is a vowel
    ['syzygy', 3],
    ['MACHINE', 2],
    ['2024', 1],
    ['eee', 1],
    ['café', 1], // é is not an ASCII vowel
    ['naïve', 1], // ï is not an ASCII vowel and the trailing e goes
  ])('counts %s as %i syllable(s)', (word, syllables) => {
    expect(measureText(word).syllableCount).toBe(syllables);
  });

  it('counts the ASCII vowel that lower-casing İ produces', () => {
    // "İnn" lower-cases to "i̇nn": one vowel group.
    expect(measureText('İnn').syllableCount).toBe(1);
    expect(measureText('İa').syllableCount).toBe(2); // the dot mark splits the groups
  });

  it('counts an emoji as neither a word nor a sentence break', () => {
    expect(measureText('🎮🔥').wordCount).toBe(0);
    expect(measureText('great🎮game').wordCount).toBe(2);
    expect(measureText('🎮 wins. 🔥').sentenceCount).toBe(2);
  });

  it('splits sentences on runs of terminators and skips blank pieces', () => {
    expect(measureText('Hi... there?! Ok').sentenceCount).toBe(3);
    expect(measureText('...!?').sentenceCount).toBe(0);
    expect(measureText(' . . x').sentenceCount).toBe(1);
  });

  it('splits paragraphs on "\\n\\n" only, so CRLF paragraphs stay one paragraph', () => {
    expect(measureText('One.\n\nTwo.\n\nThree.').paragraphCount).toBe(3);
    expect(measureText('One.\r\n\r\nTwo.\r\n\r\nThree.').paragraphCount).toBe(1);
    // Left-to-right, non-overlapping: the third newline starts the next piece, which is blank.
    expect(measureText('One.\n\n\n\n\nTwo.').paragraphCount).toBe(2);
  });

  it('matches sentiment words only as whole whitespace tokens, ignoring case', () => {
    const stats = measureText('Good GOOD good. (good) bad\tBad\u3000hard issue-free');
    expect(stats.positiveCount).toBe(2);
    expect(stats.negativeCount).toBe(3);
  });

  it('splits sentiment tokens on Python whitespace, not on a byte-order mark', () => {
    expect(measureText('good\u001cgreat').positiveCount).toBe(2);
    expect(measureText('good\ufeffgreat').positiveCount).toBe(0);
    expect(measureText('good\u0085bad').negativeCount).toBe(1);
  });

  it('returns zeros for an empty text', () => {
    expect(measureText('')).toEqual({
      wordCount: 0,
      sentenceCount: 0,
      syllableCount: 0,
      paragraphCount: 0,
      positiveCount: 0,
      negativeCount: 0,
    });
  });
});
