import { measureText } from './text-statistics.js';

/** Result of {@link titleQuality}. */
export interface TitleQuality {
  /** 0–100. */
  titleQualityScore: number;
  /** The character-length part, 0–1. */
  titleLengthScore: number;
  /** Words in the title. */
  titleWordCount: number;
  /** Unicode code points (an emoji counts 1). */
  titleCharCount: number;
}

function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate that follows a high one is the second half of the same code point.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}

/**
 * Title quality 0–100: half character length (best 30–70 code points), half word count
 * (best 4–12). An empty title scores 0.
 */
export function titleQuality(title: string | null | undefined): TitleQuality {
  if (!title)
    return { titleQualityScore: 0, titleLengthScore: 0, titleWordCount: 0, titleCharCount: 0 };
  const c = codePointLength(title);
  const w = measureText(title).wordCount;
  let charScore: number;
  if (c < 30) charScore = c / 30;
  else if (c <= 70) charScore = 1;
  else if (c <= 100) charScore = 1 - ((c - 70) / 30) * 0.3;
  else charScore = Math.max(0.4, 0.7 - ((c - 100) / 50) * 0.3);
  let wordScore: number;
  if (w < 4) wordScore = (w / 4) * 0.7;
  else if (w <= 12) wordScore = 1;
  else wordScore = Math.max(0.5, 1 - ((w - 12) / 8) * 0.5);
  return {
    titleQualityScore: (0.5 * charScore + 0.5 * wordScore) * 100,
    titleLengthScore: charScore,
    titleWordCount: w,
    titleCharCount: c,
  };
}
