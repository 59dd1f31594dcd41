import { CallMarks } from './call-marks.js';
import { ASCII_SYMBOL, buildCharacterTrie } from './character-trie.js';
import { buildPhraseIndex } from './phrase-index.js';
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
 * The allocation-free form of a {@link KeywordMatcher} that the classifiers use: `scan` writes
 * the ids into a buffer owned by the scanner and returns how many there are. The buffer is
 * overwritten by the next scan, so a caller reads it before scanning again.
 */
export interface KeywordScanner {
  readonly keywords: readonly string[];
  /** Ids found by the latest `scan`, in `found[0 … count)`, ordered as `match` orders them. */
  readonly found: Int32Array;
  /** Scans `text` and returns how many keywords it found. */
  scan(text: string): number;
}

const APOSTROPHE_UNIT = 39;

/**
 * Compiles `keywords` into a {@link KeywordScanner}, with the matching rules of
 * {@link compileKeywordMatcher}.
 *
 * Two structures do the work. A character trie (a dense transition table) over every word the
 * keywords use, inflections included, turns the text into a stream of dictionary word ids
 * without building a string per word. A trie over each phrase read backwards, entered from its
 * last word, then confirms multi-word keywords by looking at most the longest phrase's length
 * back.
 */
export function compileKeywordScanner(keywords: readonly string[]): KeywordScanner {
  const phrases = buildPhraseIndex(keywords);
  const { longest, entriesFrom, entryNodes, keywordsFrom, nodeKeywords } = phrases;
  const { edgesFrom, edgeWord, edgeNode } = phrases;
  const { transitions, extraSymbols, alphabet, deadRow } = buildCharacterTrie(phrases.dictionary);

  // Scratch state of the current call; `scan` is synchronous, so one set per scanner is safe.
  const listed = new CallMarks(keywords.length);
  // The last `longest` words' dictionary ids (-1 outside the dictionary), for confirming phrases;
  // a power-of-two ring, so the slot of a position is a mask instead of a division.
  let ringSize = 1;
  while (ringSize < longest) ringSize *= 2;
  const ringMask = ringSize - 1;
  const recent = new Int32Array(ringSize);
  const found = new Int32Array(Math.max(keywords.length, 1));
  // Where each found keyword starts (each id is found at most once per scan).
  const starts = new Int32Array(Math.max(keywords.length, 1));
  let count = 0;

  /** Records the keywords that end with dictionary word `word`, the word at `position`. */
  const keywordsEndingAt = (word: number, position: number): void => {
    for (
      let e = entriesFrom[word] as number, last = entriesFrom[word + 1] as number;
      e < last;
      e++
    ) {
      let node = entryNodes[e] as number;
      let start = position;
      for (;;) {
        for (
          let k = keywordsFrom[node] as number, to = keywordsFrom[node + 1] as number;
          k < to;
          k++
        ) {
          const id = nodeKeywords[k] as number;
          if (!listed.mark(id)) continue;
          // A longer phrase found at the same end starts earlier, so it moves in front; lists
          // stay short, and insertion beats sorting at the end.
          let at = count;
          count += 1;
          while (at > 0 && (starts[at - 1] as number) > start) {
            found[at] = found[at - 1] as number;
            starts[at] = starts[at - 1] as number;
            at -= 1;
          }
          found[at] = id;
          starts[at] = start;
        }
        const from = edgesFrom[node] as number;
        const to = edgesFrom[node + 1] as number;
        if (from === to || start === 0 || position - start + 1 >= longest) break;
        start -= 1;
        const before = recent[start & ringMask] as number;
        let next = -1;
        for (let x = from; x < to; x++) {
          if (edgeWord[x] === before) {
            next = edgeNode[x] as number;
            break;
          }
        }
        if (next < 0) break;
        node = next;
      }
    }
  };

  const step = (row: number, unit: number): number => {
    const symbol =
      unit < 128 ? (ASCII_SYMBOL[unit] as number) : (extraSymbols.get(lowerCodeUnit(unit)) ?? -1);
    return symbol < 0 ? deadRow : (transitions[row + symbol] as number);
  };

  // Bound here, in the scanner's own scope: the scan loop reads it per character, and reading
  // the imported binding, even once per call into a local, measured about 10 % slower.
  const symbols = ASCII_SYMBOL;
  const scan = (text: string): number => {
    count = 0;
    const length = text.length;
    if (length === 0) return 0;
    listed.startRound();
    const table = transitions;
    const classes = symbols;
    let position = 0;
    // The trie row of the current word; 0 (the root, which no edge enters) between words.
    let row = 0;
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 128) {
        const symbol = classes[unit] as number;
        if (symbol >= 0) {
          row = table[row + symbol] as number;
          continue;
        }
        if (unit === APOSTROPHE_UNIT && row !== 0 && i + 1 < length && isWordAt(text, i + 1))
          continue;
      } else {
        const kind = classAt(text, i);
        if (kind === WORD) {
          row = step(row, unit);
          continue;
        }
        if (kind === WORD_PAIR) {
          row = step(step(row, unit), text.charCodeAt(i + 1));
          i += 1;
          continue;
        }
        if (kind === APOSTROPHE && row !== 0 && i + 1 < length && isWordAt(text, i + 1)) continue;
      }
      if (row === 0) continue;
      // Most words of a text end no keyword: they only take their ring slot.
      const word = table[row + alphabet] as number;
      recent[position & ringMask] = word;
      if (word >= 0 && entriesFrom[word] !== entriesFrom[word + 1])
        keywordsEndingAt(word, position);
      position += 1;
      row = 0;
    }
    // The last word, when the text ends inside it. The same lines as in the loop: a helper shared
    // by both measured slower once V8 had seen texts of both kinds.
    if (row !== 0) {
      const word = table[row + alphabet] as number;
      recent[position & ringMask] = word;
      if (word >= 0 && entriesFrom[word] !== entriesFrom[word + 1])
        keywordsEndingAt(word, position);
    }
    return count;
  };

  return { keywords: Object.freeze([...keywords]), found, scan };
}

/** Whether the code unit at `index` starts a word character. */
function isWordAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit < 128) return ASCII_CLASS[unit] === WORD;
  const kind = classAt(text, index);
  return kind !== SEPARATOR && kind !== APOSTROPHE;
}
