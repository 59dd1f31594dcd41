const WHITESPACE = /\s+/;

/**
 * How much a text field tells: 0.3 once longer than 10 characters, +0.2 beyond 50, +0.2
 * beyond 100, +0.15 with more than 5 whitespace-separated words, +0.15 with more than 10;
 * times the field's `weight`, capped at 1. An empty field scores 0.
 */
export function scoreTextField(text: string, weight: number): number {
  if (text.length === 0) return 0;
  let score = 0;
  if (text.length > 10) score += 0.3;
  if (text.length > 50) score += 0.2;
  if (text.length > 100) score += 0.2;
  const words = countWords(text);
  if (words > 5) score += 0.15;
  if (words > 10) score += 0.15;
  return Math.min(weight * score, 1);
}

/** Keyword coverage: words in the joined keywords / 10, capped at 1. */
export function scoreKeywordsField(keywords: readonly string[]): number {
  return Math.min(countWords(keywords.join(' ')) / 10, 1);
}

function countWords(text: string): number {
  // Counting stops at 11: no rule looks further, and 1 MB texts stay cheap.
  let words = 0;
  for (const part of text.split(WHITESPACE, 64)) {
    if (part.length > 0) words += 1;
    if (words > 10) break;
  }
  return words;
}
