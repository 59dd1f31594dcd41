/** Words that count as positive in {@link sentiment}; a whitespace token must equal one exactly. */
export const POSITIVE_WORDS: readonly string[] = Object.freeze([
  'good',
  'great',
  'excellent',
  'amazing',
  'wonderful',
  'fantastic',
  'awesome',
  'best',
  'love',
  'perfect',
  'beautiful',
  'brilliant',
  'happy',
  'joy',
  'success',
  'win',
  'incredible',
  'outstanding',
]);

/** Words that count as negative in {@link sentiment}. */
export const NEGATIVE_WORDS: readonly string[] = Object.freeze([
  'bad',
  'terrible',
  'awful',
  'horrible',
  'worst',
  'hate',
  'poor',
  'fail',
  'failed',
  'disappointing',
  'angry',
  'sad',
  'wrong',
  'problem',
  'issue',
  'negative',
  'difficult',
  'hard',
]);

/** Longest lexicon word; longer tokens are not looked up at all. */
export const LEXICON_MAX_LENGTH = Math.max(
  ...POSITIVE_WORDS.map((w) => w.length),
  ...NEGATIVE_WORDS.map((w) => w.length),
);

/**
 * Step of the rolling hash the scanner keeps per token (lower-cased ASCII letters only), so a
 * token is looked up with one Map access and no substring allocation.
 */
export function lexiconHashStep(hash: number, lowerCaseCode: number): number {
  return (Math.imul(hash, 31) + lowerCaseCode) | 0;
}

interface LexiconEntry {
  readonly word: string;
  /** +1 positive, −1 negative. */
  readonly polarity: 1 | -1;
}

const byHash = new Map<number, LexiconEntry[]>();
// One byte per low 12 bits of a hash: most tokens are not lexicon words, and a typed-array
// read turns them away before the Map lookup.
const FILTER_MASK = 0xfff;
const hashFilter = new Uint8Array(FILTER_MASK + 1);
for (const [words, polarity] of [
  [POSITIVE_WORDS, 1],
  [NEGATIVE_WORDS, -1],
] as const) {
  for (const word of words) {
    let hash = 0;
    for (let i = 0; i < word.length; i++) hash = lexiconHashStep(hash, word.charCodeAt(i));
    hashFilter[hash & FILTER_MASK] = 1;
    const bucket = byHash.get(hash);
    if (bucket) bucket.push({ word, polarity });
    else byHash.set(hash, [{ word, polarity }]);
  }
}

/**
 * Polarity of the ASCII-letter token `text[start, start + length)` whose lower-cased hash is
 * `hash`: +1, −1 or 0. The hash only narrows the search; the characters are compared.
 */
export function lexiconPolarity(text: string, start: number, length: number, hash: number): number {
  if (hashFilter[hash & FILTER_MASK] === 0) return 0;
  const bucket = byHash.get(hash);
  if (bucket === undefined) return 0;
  for (const entry of bucket) {
    if (entry.word.length !== length) continue;
    let same = true;
    for (let i = 0; i < length; i++) {
      if ((text.charCodeAt(start + i) | 0x20) !== entry.word.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return entry.polarity;
  }
  return 0;
}
