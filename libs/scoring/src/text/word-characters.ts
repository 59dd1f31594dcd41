/**
 * What counts as a word: a maximal run of Unicode letters, Unicode numbers or `_`. The
 * regular expression is the definition; the scanner in text-statistics.ts answers the same
 * question per code point, and the tests hold the two together.
 */
export const WORD_PATTERN = /[\p{L}\p{N}_]+/gu;

const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;

// Per-code-point answers for the BMP, filled on first sight: 0 unknown, 1 word, 2 not a word.
// Asking the regex once per distinct character keeps the scan free of per-character regex work.
const bmpCache = new Uint8Array(0x10000);
const astralCache = new Map<number, boolean>();

for (let c = 0; c < 128; c++) {
  const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  bmpCache[c] = isWord ? 1 : 2;
}

/** True when the code point is a letter, a number or `_`. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    const known = bmpCache[cp];
    if (known !== 0) return known === 1;
    const isWord = WORD_CHARACTER.test(String.fromCharCode(cp));
    bmpCache[cp] = isWord ? 1 : 2;
    return isWord;
  }
  let isWord = astralCache.get(cp);
  if (isWord === undefined) {
    isWord = WORD_CHARACTER.test(String.fromCodePoint(cp));
    astralCache.set(cp, isWord);
  }
  return isWord;
}

/**
 * Whitespace as Python's `str.split()` and `str.strip()` see it: the PrismQ Python scorer
 * splits sentiment words and finds blank sentences with them, and the package reproduces its
 * numbers. It differs from JavaScript's `\s`: it includes U+001C–U+001F and U+0085 and
 * excludes U+FEFF.
 */
export function isPythonWhitespace(c: number): boolean {
  if (c < 128) return (c >= 9 && c <= 13) || (c >= 28 && c <= 32);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The lower-cased words of a (short) text, e.g. a title, in order, duplicates kept. */
export function lowerCaseWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) words.push(match[0].toLowerCase());
  return words;
}
