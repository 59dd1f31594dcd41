import { APOSTROPHE, SEPARATOR, WORD_PAIR, classAt, lowerCodeUnit } from './word-characters.js';

/**
 * Splits `text` into lower-cased word tokens: runs of letters, digits and `_`
 * (`/[\p{L}\p{N}_]+/u`). An apostrophe between two word characters (`don't`, `rubik’s`) is
 * dropped so the word stays one token (`dont`, `rubiks`); anywhere else it separates.
 * Keywords and texts go through the same rules, so they always agree.
 *
 * @example
 * ```ts
 * tokenize("AITA: Don't read Q&A!") // ['aita', 'dont', 'read', 'q', 'a']
 * ```
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let units: number[] = [];
  const flush = (): void => {
    if (units.length === 0) return;
    let token = '';
    // fromCharCode in slices: a 1 MB word must not overflow the argument stack.
    for (let i = 0; i < units.length; i += 4096)
      token += String.fromCharCode(...units.slice(i, i + 4096));
    tokens.push(token);
    units = [];
  };
  for (let i = 0; i < text.length; i++) {
    const kind = classAt(text, i);
    if (kind === SEPARATOR) {
      flush();
    } else if (kind === APOSTROPHE) {
      if (units.length === 0 || i + 1 >= text.length || !isWordClass(classAt(text, i + 1))) flush();
    } else if (kind === WORD_PAIR) {
      units.push(text.charCodeAt(i), text.charCodeAt(i + 1));
      i += 1;
    } else {
      units.push(lowerCodeUnit(text.charCodeAt(i)));
    }
  }
  flush();
  return tokens;
}

function isWordClass(kind: number): boolean {
  return kind !== SEPARATOR && kind !== APOSTROPHE;
}
