import { inflectedForms } from './inflection.js';
import { forEachToken, tokenize } from './tokenizer.js';

/** Keywords that end at the current token, reached by walking the phrase backwards. */
interface PhraseNode {
  /** Ids of the keywords whose remaining (earlier) words are exhausted at this node. */
  readonly ids: number[];
  /** The word before, exact form, leading to longer phrases. */
  readonly before: Map<string, PhraseNode>;
}

/**
 * A set of keywords compiled into one matcher: each text is tokenised once and every keyword
 * is found in the same pass, so the cost of `match` grows with the text's length and not with
 * the number of keywords.
 */
export interface KeywordMatcher {
  /** The keywords, indexed by the ids that `match` returns. */
  readonly keywords: readonly string[];
  /**
   * Ids of the keywords occurring in `text` as whole words (the last word may be inflected),
   * each id once, ordered by the position where the keyword first starts.
   */
  match(text: string): number[];
}

/**
 * Compiles `keywords` into a {@link KeywordMatcher}. A keyword is a phrase of word tokens
 * (`am i the`, `q&a` → `q a`); it matches where the same tokens occur contiguously, its last
 * token also in the inflected forms of {@link inflectedForms}. Keywords without any word
 * token can never match.
 *
 * The structure is a trie over each phrase read backwards, keyed at its root by every surface
 * form of the last word: at each token of the text one map lookup finds the phrases that can
 * end there, and walking back over at most the longest phrase's length confirms them.
 *
 * @example
 * const m = compileKeywordMatcher(['ad', 'how to', 'meme']);
 * m.match('How to make memes for your loadout').map((id) => m.keywords[id]); // ['how to', 'meme']
 */
export function compileKeywordMatcher(keywords: readonly string[]): KeywordMatcher {
  const byLastWord = new Map<string, PhraseNode>();
  const bySurface = new Map<string, PhraseNode[]>();
  let longest = 1;

  keywords.forEach((keyword, id) => {
    const words = tokenize(keyword);
    const last = words[words.length - 1];
    if (last === undefined) return;
    longest = Math.max(longest, words.length);
    let node: PhraseNode | undefined = byLastWord.get(last);
    if (node === undefined) {
      node = { ids: [], before: new Map() };
      byLastWord.set(last, node);
      for (const surface of [last, ...inflectedForms(last)]) {
        const nodes = bySurface.get(surface) ?? [];
        nodes.push(node);
        bySurface.set(surface, nodes);
      }
    }
    for (let i = words.length - 2; i >= 0; i--) {
      const word = words[i] as string;
      let previous: PhraseNode | undefined = node.before.get(word);
      if (previous === undefined) {
        previous = { ids: [], before: new Map() };
        node.before.set(word, previous);
      }
      node = previous;
    }
    node.ids.push(id);
  });

  const frozenKeywords = Object.freeze([...keywords]);
  // Reused across calls (matching is synchronous): a per-call stamp marks ids already found.
  const seenAt = new Int32Array(keywords.length);
  let stamp = 0;

  return {
    keywords: frozenKeywords,
    match(text: string): number[] {
      stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
      if (stamp === 1) seenAt.fill(0);
      const found: number[] = [];
      const starts: number[] = [];
      const recent: string[] = new Array<string>(longest);
      let position = 0;
      let ordered = true;

      forEachToken(text, (token) => {
        recent[position % longest] = token;
        const nodes = bySurface.get(token);
        if (nodes !== undefined) {
          for (const end of nodes) {
            let node: PhraseNode | undefined = end;
            let start = position;
            while (node !== undefined) {
              for (const id of node.ids) {
                if (seenAt[id] !== stamp) {
                  seenAt[id] = stamp;
                  if (starts.length > 0 && start < (starts[starts.length - 1] as number)) ordered = false;
                  found.push(id);
                  starts.push(start);
                }
              }
              if (node.before.size === 0 || start === 0 || position - start + 1 >= longest) break;
              start -= 1;
              node = node.before.get(recent[start % longest] as string);
            }
          }
        }
        position += 1;
      });

      if (ordered) return found;
      const order = found.map((_, index) => index);
      order.sort((a, b) => (starts[a] as number) - (starts[b] as number) || a - b);
      return order.map((index) => found[index] as number);
    },
  };
}
