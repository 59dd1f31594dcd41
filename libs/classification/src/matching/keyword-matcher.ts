import { compileKeywordScanner } from './keyword-scanner.js';

/**
 * A set of keywords compiled into one matcher: each text is scanned once, character by
 * character, and every keyword is found in that pass, so the cost of `match` grows with the
 * text's length and not with the number of keywords.
 */
export interface KeywordMatcher {
  /** The keywords, indexed by the ids that `match` returns. */
  readonly keywords: readonly string[];
  /**
   * Ids of the keywords occurring in `text` as whole words (the last word may be inflected),
   * each id once, ordered by the position where the keyword first starts.
   */
  match(text: string): readonly number[];
}

/** The answer for a text without matches, shared so that a miss allocates nothing. */
const NO_MATCHES: readonly number[] = Object.freeze([]);

/**
 * Compiles `keywords` into a {@link KeywordMatcher}. A keyword is a phrase of word tokens
 * (`am i the`, `q&a` → `q a`, see {@link tokenize}); it matches where the same tokens occur
 * contiguously, its last token also in the inflected forms of {@link inflectedForms}. Keywords
 * without any word token can never match.
 *
 * The matching itself is done by the allocation-free keyword scanner; this form copies its ids
 * into a fresh array per call.
 *
 * @example
 * ```ts
 * const m = compileKeywordMatcher(['ad', 'how to', 'meme']);
 * m.match('How to make memes for your loadout').map((id) => m.keywords[id]); // ['how to', 'meme']
 * ```
 */
export function compileKeywordMatcher(keywords: readonly string[]): KeywordMatcher {
  const scanner = compileKeywordScanner(keywords);
  const found = scanner.found;
  return {
    keywords: scanner.keywords,
    match(text: string): readonly number[] {
      const count = scanner.scan(text);
      if (count === 0) return NO_MATCHES;
      const ids = new Array<number>(count);
      for (let k = 0; k < count; k++) ids[k] = found[k] as number;
      return ids;
    },
  };
}
