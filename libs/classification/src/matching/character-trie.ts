/** Symbols of the character trie for ASCII code units: a–z (either case), 0–9, `_`; -1 for the rest. */
export const ASCII_SYMBOL: Int8Array = (() => {
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
 * A dense character trie over a dictionary of lower-cased words. `transitions[row + symbol]`
 * is the row of the next state, where a state's row is its index times `width` (pre-multiplied,
 * so a scan adds instead of multiplying). Each row has one more column than there are symbols:
 * `transitions[row + alphabet]` holds the id of the dictionary word ending at that state, or
 * -1, so that a word's end costs one load instead of a division back to the state index.
 * A word leaving the trie falls into the dead row, whose transitions all lead back to it, so a
 * scan needs no test for it.
 */
export interface CharacterTrie {
  readonly transitions: Int32Array;
  /** Symbols of the non-ASCII (lower-cased) code units the dictionary uses, after the ASCII ones. */
  readonly extraSymbols: ReadonlyMap<number, number>;
  /** Number of symbols; also the column of the word id in each row. */
  readonly alphabet: number;
  /** Row of the dead state. */
  readonly deadRow: number;
}

/** Builds the {@link CharacterTrie} of `dictionary` (word → id; words already lower-cased). */
export function buildCharacterTrie(dictionary: ReadonlyMap<string, number>): CharacterTrie {
  const extraSymbols = new Map<number, number>();
  const children: Map<number, number>[] = [new Map<number, number>()];
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
      const edges = children[state] as Map<number, number>;
      const next = edges.get(symbol);
      if (next === undefined) {
        children.push(new Map());
        words.push(-1);
        edges.set(symbol, children.length - 1);
        state = children.length - 1;
      } else {
        state = next;
      }
    }
    words[state] = id;
  }
  const alphabet = ASCII_SYMBOLS + extraSymbols.size;
  const width = alphabet + 1;
  const deadRow = children.length * width;
  const transitions = new Int32Array(deadRow + width).fill(deadRow);
  children.forEach((edges, state) => {
    for (const [symbol, next] of edges) transitions[state * width + symbol] = next * width;
    transitions[state * width + alphabet] = words[state] as number;
  });
  transitions[deadRow + alphabet] = -1;
  return { transitions, extraSymbols, alphabet, deadRow };
}
