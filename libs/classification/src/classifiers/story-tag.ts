/** Leading `#` marks, with any spaces between them, so that normalising twice changes nothing. */
const LEADING_HASHES = /^[#\s]+/;

/** The form in which story tags compare: lower-cased, leading `#` and surrounding spaces removed. */
export function normalizeStoryTag(tag: string): string {
  return tag.toLowerCase().replace(LEADING_HASHES, '').trim();
}
