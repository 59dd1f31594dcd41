/** Leading `#` marks, with any spaces between them, so that normalising twice changes nothing. */
const LEADING_HASHES = /^[#\s]+/;
const HASH = 35;
const SPACE = 32;
const UPPER_A = 65;
const UPPER_Z = 90;

/** The form in which story tags compare: lower-cased, leading `#` and surrounding spaces removed. */
export function normalizeStoryTag(tag: string): string {
  return tag.toLowerCase().replace(LEADING_HASHES, '').trim();
}

/**
 * Whether `tag` is certainly already in the form of {@link normalizeStoryTag}, checked without
 * building a string: ASCII without capitals, not starting with `#`, a space or a control
 * character, and not ending with a space or a control character. Anything else (any non-ASCII
 * text included, whose spaces and lower case need Unicode's tables) answers false, and the
 * caller normalises; so a false answer costs time, never a wrong match.
 */
export function isNormalStoryTag(tag: string): boolean {
  const length = tag.length;
  if (length === 0) return true;
  const first = tag.charCodeAt(0);
  if (first === HASH || first <= SPACE || tag.charCodeAt(length - 1) <= SPACE) return false;
  for (let i = 0; i < length; i++) {
    const unit = tag.charCodeAt(i);
    if (unit >= 128 || (unit >= UPPER_A && unit <= UPPER_Z)) return false;
  }
  return true;
}
