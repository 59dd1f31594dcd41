import { ENGLISH_STOP_WORDS } from './stop-words.js';

const ASCII_WORD = /[a-z]+/g;

/**
 * The `max` most frequent ASCII words (`[a-z]+` of the lower-cased text) of at least
 * `minLength` letters, without common English stop words; equal counts keep the order of first
 * appearance.
 *
 * @example
 * ```ts
 * extractKeywordsFromText('Python tips: python lists, python loops and lists', 3); // ['python', 'lists', 'tips']
 * ```
 */
export function extractKeywordsFromText(text: string, max = 10, minLength = 3): string[] {
  if (max <= 0) return [];
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(ASCII_WORD) ?? []) {
    if (word.length < minLength || ENGLISH_STOP_WORDS.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Map iteration follows insertion order, i.e. first appearance; the sort is stable.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([word]) => word);
}
