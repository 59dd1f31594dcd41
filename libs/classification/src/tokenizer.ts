/**
 * Word tokens: runs of letters, digits and `_`. An apostrophe between two word characters
 * (`don't`, `rubik’s`) is dropped so the word stays one token (`dont`, `rubiks`); everywhere
 * else it separates. The same rule applies to keywords and to text, so they always agree.
 */
const WORD_PATTERN = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;
const APOSTROPHES = /['’]/g;

/**
 * Calls `onToken` for each lower-cased word token of `text`, in order, without building an
 * array — the matcher keeps only the few tokens a keyword phrase can span.
 */
export function forEachToken(text: string, onToken: (token: string) => void): void {
  const lower = text.toLowerCase();
  const pattern = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
  for (let found = pattern.exec(lower); found !== null; found = pattern.exec(lower)) {
    const raw = found[0];
    onToken(raw.includes("'") || raw.includes('’') ? raw.replace(APOSTROPHES, '') : raw);
  }
}

/**
 * Splits `text` into lower-cased word tokens (`/[\p{L}\p{N}_]+/u`, inner apostrophes dropped).
 *
 * @example
 * tokenize("AITA: Don't read Q&A!") // ['aita', 'dont', 'read', 'q', 'a']
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (token) => tokens.push(token));
  return tokens;
}
