import { isPythonWhitespace, isWordCodePoint } from './word-characters.js';
import { LEXICON_MAX_LENGTH, lexiconHashStep, lexiconPolarity } from './sentiment-lexicon.js';

/** Everything the text formulas need, gathered in one pass over the text. */
export interface TextStatistics {
  /** Runs of letters, numbers and `_`. */
  wordCount: number;
  /** Non-blank pieces between runs of `.`, `!`, `?`. */
  sentenceCount: number;
  /** Sum over words of their syllable estimate (at least 1 each). */
  syllableCount: number;
  /** Non-blank pieces of the text split on `"\n\n"`. */
  paragraphCount: number;
  /** Whitespace-separated tokens equal (lower-cased) to a positive lexicon word. */
  positiveCount: number;
  /** Whitespace-separated tokens equal (lower-cased) to a negative lexicon word. */
  negativeCount: number;
}

// Bits of the ASCII class table.
const WORD = 1;
const SPACE = 2;
const TERMINATOR = 4;
const VOWEL = 8;
const LETTER_E = 16;
const ASCII_LETTER = 32;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let bits = 0;
  const lower = c | 0x20;
  const isLetter = lower >= 97 && lower <= 122;
  if (isWordCodePoint(c)) bits |= WORD;
  if (isPythonWhitespace(c)) bits |= SPACE;
  if (c === 46 || c === 33 || c === 63) bits |= TERMINATOR;
  if (isLetter) {
    bits |= ASCII_LETTER;
    if ('aeiouy'.includes(String.fromCharCode(lower))) bits |= VOWEL;
    if (lower === 101) bits |= LETTER_E;
  }
  ASCII_CLASS[c] = bits;
}

const NEWLINE = 10;
// 'İ' lower-cases to 'i' + U+0307: a vowel followed by a mark, the only non-ASCII character
// whose lower case holds an ASCII vowel.
const CAPITAL_I_WITH_DOT = 0x130;

/**
 * Measures a text in a single pass: words, sentences, syllables, paragraphs and sentiment
 * tokens together, so that the cost is linear in the length with one small constant and no
 * regular expression runs per metric.
 */
export function measureText(text: string): TextStatistics {
  const length = text.length;
  let wordCount = 0;
  let syllableCount = 0;
  let sentenceCount = 0;
  let paragraphCount = 0;
  let positiveCount = 0;
  let negativeCount = 0;

  let inWord = false;
  let vowelGroups = 0;
  // Vowel groups up to the last character that is not an 'e': trailing e's are removed
  // before counting, so this is the word's count once it ends.
  let groupsBeforeTrailingE = 0;
  let previousWasVowel = false;

  let sentenceHasContent = false;
  let paragraphHasContent = false;
  let pendingNewline = false;

  let tokenStart = -1;
  let tokenHash = 0;
  let tokenIsAsciiLetters = true;

  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    let bits: number;
    let units = 1;
    if (c < 128) {
      bits = ASCII_CLASS[c] as number;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          units = 2;
        }
      }
      bits = isWordCodePoint(c) ? WORD : isPythonWhitespace(c) ? SPACE : 0;
    }

    // Words and syllables.
    if ((bits & WORD) !== 0) {
      if (!inWord) {
        inWord = true;
        vowelGroups = 0;
        groupsBeforeTrailingE = 0;
        previousWasVowel = false;
      }
      if ((bits & VOWEL) !== 0) {
        if (!previousWasVowel) vowelGroups++;
        previousWasVowel = true;
        if ((bits & LETTER_E) === 0) groupsBeforeTrailingE = vowelGroups;
      } else {
        if (c === CAPITAL_I_WITH_DOT && !previousWasVowel) vowelGroups++;
        previousWasVowel = false;
        groupsBeforeTrailingE = vowelGroups;
      }
    } else if (inWord) {
      inWord = false;
      wordCount++;
      syllableCount += groupsBeforeTrailingE > 0 ? groupsBeforeTrailingE : 1;
    }

    if ((bits & SPACE) !== 0) {
      // Sentiment tokens end at whitespace.
      if (tokenStart >= 0) {
        const tokenLength = i - tokenStart;
        if (tokenIsAsciiLetters && tokenLength <= LEXICON_MAX_LENGTH) {
          const polarity = lexiconPolarity(text, tokenStart, tokenLength, tokenHash);
          if (polarity > 0) positiveCount++;
          else if (polarity < 0) negativeCount++;
        }
        tokenStart = -1;
      }
      // Paragraphs: "\n\n" splits left to right without overlap, so a third newline starts a new pair.
      if (c === NEWLINE) {
        if (pendingNewline) {
          if (paragraphHasContent) paragraphCount++;
          paragraphHasContent = false;
          pendingNewline = false;
        } else {
          pendingNewline = true;
        }
      } else {
        pendingNewline = false;
      }
    } else {
      if (tokenStart < 0) {
        tokenStart = i;
        tokenHash = 0;
        tokenIsAsciiLetters = true;
      }
      if ((bits & ASCII_LETTER) !== 0) tokenHash = lexiconHashStep(tokenHash, c | 0x20);
      else tokenIsAsciiLetters = false;
      pendingNewline = false;
      paragraphHasContent = true;
      if ((bits & TERMINATOR) !== 0) {
        if (sentenceHasContent) sentenceCount++;
        sentenceHasContent = false;
      } else {
        sentenceHasContent = true;
      }
    }
    i += units - 1;
  }

  if (inWord) {
    wordCount++;
    syllableCount += groupsBeforeTrailingE > 0 ? groupsBeforeTrailingE : 1;
  }
  if (tokenStart >= 0 && tokenIsAsciiLetters && length - tokenStart <= LEXICON_MAX_LENGTH) {
    const polarity = lexiconPolarity(text, tokenStart, length - tokenStart, tokenHash);
    if (polarity > 0) positiveCount++;
    else if (polarity < 0) negativeCount++;
  }
  if (sentenceHasContent) sentenceCount++;
  if (paragraphHasContent) paragraphCount++;

  return { wordCount, sentenceCount, syllableCount, paragraphCount, positiveCount, negativeCount };
}
