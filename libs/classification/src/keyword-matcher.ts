import { inflectedForms } from './inflection.js';
import { tokenize } from './tokenizer.js';
import {
  APOSTROPHE,
  ASCII_CLASS,
  SEPARATOR,
  WORD,
  WORD_PAIR,
  classAt,
  lowerCodeUnit,
} from './word-characters.js';

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

/** Keywords that end at the current word, reached by walking the phrase backwards. */
interface PhraseNode {
  /** Ids of the keywords whose earlier words are all matched at this node. */
  readonly ids: number[];
  /** The word before (its dictionary id, exact form), leading to longer phrases. */
  readonly before: Map<number, PhraseNode>;
}

/** Symbols of the character trie for ASCII code units: a–z (either case), 0–9, `_`. */
const ASCII_SYMBOL: Int8Array = (() => {
  const symbols = new Int8Array(128).fill(-1);
  for (let c = 97; c <= 122; c++) {
    symbols[c] = c - 97;
    symbols[c - 32] = c - 97;
  }
  for (let c = 48; c <= 57; c++) symbols[c] = 26 + c - 48;
  symbols[95] = 36;
  return symbols;
})();
const ASCII_SYMBOLS = 37;

/**
 * Compiles `keywords` into a {@link KeywordMatcher}. A keyword is a phrase of word tokens
 * (`am i the`, `q&a` → `q a`, see {@link tokenize}); it matches where the same tokens occur
 * contiguously, its last token also in the inflected forms of {@link inflectedForms}. Keywords
 * without any word token can never match.
 *
 * Two structures do the work. A character trie (a dense transition table) over every word the
 * keywords use, inflections included, turns the text into a stream of dictionary word ids
 * without building a string per word. A trie over each phrase read backwards, entered from its
 * last word, then confirms multi-word keywords by looking at most the longest phrase's length
 * back.
 *
 * @example
 * const m = compileKeywordMatcher(['ad', 'how to', 'meme']);
 * m.match('How to make memes for your loadout').map((id) => m.keywords[id]); // ['how to', 'meme']
 */
export function compileKeywordMatcher(keywords: readonly string[]): KeywordMatcher {
  const dictionary = new Map<string, number>();
  const wordId = (word: string): number => {
    let id = dictionary.get(word);
    if (id === undefined) {
      id = dictionary.size;
      dictionary.set(word, id);
    }
    return id;
  };

  const phraseByLastWord = new Map<string, PhraseNode>();
  const endsByWord = new Map<number, PhraseNode[]>();
  let longest = 1;
  keywords.forEach((keyword, id) => {
    const words = tokenize(keyword);
    const last = words[words.length - 1];
    if (last === undefined) return;
    longest = Math.max(longest, words.length);
    let node: PhraseNode | undefined = phraseByLastWord.get(last);
    if (node === undefined) {
      const created: PhraseNode = { ids: [], before: new Map() };
      phraseByLastWord.set(last, created);
      for (const surface of [last, ...inflectedForms(last)]) {
        const surfaceId = wordId(surface);
        endsByWord.set(surfaceId, [...(endsByWord.get(surfaceId) ?? []), created]);
      }
      node = created;
    }
    for (let i = words.length - 2; i >= 0; i--) {
      const previousId = wordId(words[i] as string);
      let previous: PhraseNode | undefined = node.before.get(previousId);
      if (previous === undefined) {
        previous = { ids: [], before: new Map() };
        node.before.set(previousId, previous);
      }
      node = previous;
    }
    node.ids.push(id);
  });

  const trie = buildCharacterTrie(dictionary);
  const { transitions, wordAtRow, extraSymbols, alphabet, deadRow } = trie;
  const ends: (readonly PhraseNode[] | undefined)[] = Array.from(
    { length: dictionary.size },
    (_, id) => endsByWord.get(id),
  );
  const endsPhrase = Uint8Array.from(ends, (nodes) => (nodes === undefined ? 0 : 1));

  // Scratch state of the current call; `match` is synchronous, so one set per matcher is safe.
  const seenAt = new Int32Array(keywords.length);
  // A power-of-two ring, so the slot of a position is a mask instead of a division.
  let ringSize = 1;
  while (ringSize < longest) ringSize *= 2;
  const ringMask = ringSize - 1;
  const recent = new Int32Array(ringSize);
  let stamp = 0;
  let found: number[] = [];
  // Where each found keyword starts; internal, so a scratch buffer (each id is found at most once).
  const starts = new Int32Array(Math.max(keywords.length, 1));
  let anyFound = false;
  let position = 0;

  /** Records the phrases that end with `word` at the current position (already in `recent`). */
  const phrasesEndingWith = (word: number): void => {
    const endNodes = ends[word];
    if (endNodes !== undefined) {
      for (let e = 0; e < endNodes.length; e++) {
        let node: PhraseNode | undefined = endNodes[e];
        let start = position;
        while (node !== undefined) {
          const ids = node.ids;
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] as number;
            if (seenAt[id] !== stamp) {
              seenAt[id] = stamp;
              if (!anyFound) {
                anyFound = true;
                found = [];
              }
              // Insertion keeps the lists ordered by start (a longer phrase found at the same
              // end starts earlier); they stay short, so this beats sorting at the end.
              // Shifting by hand instead of `splice`, which allocates a removed-items array.
              let at = found.length;
              found.push(id);
              while (at > 0 && (starts[at - 1] as number) > start) {
                found[at] = found[at - 1] as number;
                starts[at] = starts[at - 1] as number;
                at -= 1;
              }
              found[at] = id;
              starts[at] = start;
            }
          }
          if (node.before.size === 0 || start === 0 || position - start + 1 >= longest) break;
          start -= 1;
          node = node.before.get(recent[start & ringMask] as number);
        }
      }
    }
  };
  const step = (row: number, unit: number): number => {
    const symbol =
      unit < 128 ? (ASCII_SYMBOL[unit] as number) : (extraSymbols.get(lowerCodeUnit(unit)) ?? -1);
    return symbol < 0 ? deadRow : (transitions[row + symbol] as number);
  };
  /** A word ended at trie row `row`. Most words of a text are in no keyword: they only take their ring slot. */
  const wordEnded = (row: number): void => {
    const word = wordAtRow[row / alphabet] as number;
    recent[position & ringMask] = word;
    if (word >= 0 && endsPhrase[word] === 1) phrasesEndingWith(word);
    position += 1;
  };

  return {
    keywords: Object.freeze([...keywords]),
    match(text: string): readonly number[] {
      if (text.length === 0) return NO_MATCHES;
      stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
      if (stamp === 1) seenAt.fill(0);
      anyFound = false;
      position = 0;
      // `row` is the trie row of the current word (root between words); `inWord` tells the two apart.
      let row = 0;
      let inWord = false;
      const length = text.length;

      for (let i = 0; i < length; i++) {
        const unit = text.charCodeAt(i);
        if (unit < 128) {
          const symbol = ASCII_SYMBOL[unit] as number;
          if (symbol >= 0) {
            row = transitions[row + symbol] as number;
            inWord = true;
            continue;
          }
          if (unit === 39 && inWord && i + 1 < length && isWordAt(text, i + 1)) continue;
        } else {
          const kind = classAt(text, i);
          if (kind === WORD) {
            row = step(row, unit);
            inWord = true;
            continue;
          }
          if (kind === WORD_PAIR) {
            row = step(step(row, unit), text.charCodeAt(i + 1));
            inWord = true;
            i += 1;
            continue;
          }
          if (kind === APOSTROPHE && inWord && i + 1 < length && isWordAt(text, i + 1)) continue;
        }
        if (!inWord) continue;
        wordEnded(row);
        row = 0;
        inWord = false;
      }
      if (inWord) wordEnded(row);

      return anyFound ? found : NO_MATCHES;
    },
  };
}

function isWordAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit < 128) return ASCII_CLASS[unit] === WORD;
  const kind = classAt(text, index);
  return kind !== SEPARATOR && kind !== APOSTROPHE;
}

/**
 * A dense character trie: `transitions[row + symbol]` is the row of the next state, where a
 * state's row is its index times `alphabet` (pre-multiplied, so the scan adds instead of
 * multiplying). A word leaving the trie falls into the dead row, whose transitions all lead
 * back to it, so the scan needs no test for it.
 */
interface CharacterTrie {
  readonly transitions: Int32Array;
  /** Dictionary word id ending at each state (row / alphabet), or -1. */
  readonly wordAtRow: Int32Array;
  /** Symbols of the non-ASCII (lower-cased) code units used by the dictionary. */
  readonly extraSymbols: ReadonlyMap<number, number>;
  readonly alphabet: number;
  /** Row of the dead state. */
  readonly deadRow: number;
}

function buildCharacterTrie(dictionary: ReadonlyMap<string, number>): CharacterTrie {
  const extraSymbols = new Map<number, number>();
  const children: Map<number, number>[] = [new Map()];
  const words: number[] = [-1];
  for (const [word, id] of dictionary) {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const unit = word.charCodeAt(i);
      let symbol = unit < 128 ? (ASCII_SYMBOL[unit] as number) : extraSymbols.get(unit);
      if (symbol === undefined) {
        symbol = ASCII_SYMBOLS + extraSymbols.size;
        extraSymbols.set(unit, symbol);
      }
      const next = (children[state] as Map<number, number>).get(symbol);
      if (next === undefined) {
        children.push(new Map());
        words.push(-1);
        (children[state] as Map<number, number>).set(symbol, children.length - 1);
        state = children.length - 1;
      } else {
        state = next;
      }
    }
    words[state] = id;
  }
  const alphabet = ASCII_SYMBOLS + extraSymbols.size;
  const dead = children.length;
  words.push(-1);
  const deadRow = dead * alphabet;
  const transitions = new Int32Array((dead + 1) * alphabet).fill(deadRow);
  children.forEach((edges, state) => {
    for (const [symbol, next] of edges) transitions[state * alphabet + symbol] = next * alphabet;
  });
  return { transitions, wordAtRow: Int32Array.from(words), extraSymbols, alphabet, deadRow };
}
