/**
 * Character classes of the word tokeniser, by UTF-16 code unit so that the matcher can scan a
 * text without building strings. A word character is a letter, a digit or `_`
 * (`[\p{L}\p{N}_]`); an apostrophe (`'` or `’`) between two word characters is dropped.
 */

/** Class of a code unit that ends a word. */
export const SEPARATOR = 0;
/** Class of a code unit inside a word. */
export const WORD = 1;
/** Class of `'` and `’`, dropped inside a word and a separator elsewhere. */
export const APOSTROPHE = 2;
/** Class of a high surrogate whose pair is a word character (the low half follows). */
export const WORD_PAIR = 3;

/** Class of each ASCII code unit. */
export const ASCII_CLASS: Uint8Array = (() => {
  const classes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const isWord =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    classes[c] = isWord ? WORD : c === 39 ? APOSTROPHE : SEPARATOR;
  }
  return classes;
})();

const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;
const RIGHT_SINGLE_QUOTE = 0x2019;

// Filled lazily: 0 not yet known, else class + 1. Unicode's classes never change at run time.
const bmpClass = new Uint8Array(0x10000);
const bmpLower = new Uint16Array(0x10000);
const astralWord = new Map<number, boolean>();

/** Class (SEPARATOR, WORD, APOSTROPHE or WORD_PAIR) of the code unit at `index` of `text`. */
export function classAt(text: string, index: number): number {
  const c = text.charCodeAt(index);
  if (c < 128) return ASCII_CLASS[c] as number;
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(index + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return SEPARATOR;
    const codePoint = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    let isWord = astralWord.get(codePoint);
    if (isWord === undefined) {
      isWord = WORD_CHARACTER.test(String.fromCodePoint(codePoint));
      astralWord.set(codePoint, isWord);
    }
    return isWord ? WORD_PAIR : SEPARATOR;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return SEPARATOR;
  let known = bmpClass[c] as number;
  if (known === 0) {
    known =
      1 +
      (c === RIGHT_SINGLE_QUOTE
        ? APOSTROPHE
        : WORD_CHARACTER.test(String.fromCharCode(c))
          ? WORD
          : SEPARATOR);
    bmpClass[c] = known;
  }
  return known - 1;
}

/**
 * Lower-case form of one code unit. Characters whose lower case is not a single code unit
 * (`İ`) and surrogate halves stay as they are; so does a word-final `Σ` (always `σ`), which is
 * what makes per-character lowering consistent wherever a word sits.
 */
export function lowerCodeUnit(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  let lower = bmpLower[c] as number;
  if (lower === 0) {
    const lowered = String.fromCharCode(c).toLowerCase();
    lower = lowered.length === 1 ? lowered.charCodeAt(0) : c;
    bmpLower[c] = lower;
  }
  return lower;
}
