import { normalizeStoryTag } from './story-tag.js';

const HASH = 35;
const ASCII = 128;
const NONE = -1;

/** Whether a code unit is one of the ASCII spaces that `trim` and `\s` remove (tab … CR, space). */
function isAsciiSpace(unit: number): boolean {
  return unit === 32 || (unit >= 9 && unit <= 13);
}

/**
 * The story tags of a detector, looked up by a tag as it comes, in the form of
 * {@link normalizeStoryTag}. A tag is walked through a trie of the story tags one code unit at a
 * time, upper-case ASCII folded to lower case, so that a tag that is no story tag is usually
 * given up after its first character or two, with no string built and no hash computed. The
 * walk's answer is the normalised tag's whenever it can be: the tag starts with an ASCII
 * character other than `#` and a space, and the character where it leaves the trie is ASCII and
 * no space (so neither trimming nor lower-casing can change what came before). Anything else — a
 * leading `#` or space, a non-ASCII character, a space where the walk stops or at the end — is
 * normalised and looked up whole.
 */
export class StoryTagIndex {
  /** The normalised story tags, each once, in table order; a tag's index is its position here. */
  readonly tags: readonly string[];
  readonly #byTag: ReadonlyMap<string, number>;
  /** Per ASCII code unit, its column in the trie (NONE: no story tag uses it). */
  readonly #column: Int16Array;
  /**
   * The trie: `#next[row + column]` is the row after that character (NONE: no story tag goes
   * on so), rows pre-multiplied by `#width`; `#next[row + #width - 1]` is the index of the
   * story tag ending there, or NONE. Empty when a story tag is not all ASCII: then every
   * lookup normalises.
   */
  readonly #next: Int32Array;
  readonly #width: number;

  constructor(storyTags: readonly string[]) {
    const byTag = new Map<string, number>();
    for (const tag of storyTags) {
      const normalized = normalizeStoryTag(tag);
      if (!byTag.has(normalized)) byTag.set(normalized, byTag.size);
    }
    this.#byTag = byTag;
    this.tags = Object.freeze([...byTag.keys()]);

    const column = new Int16Array(ASCII).fill(NONE);
    const allAscii = this.tags.every((tag) => [...tag].every((c) => c.charCodeAt(0) < ASCII));
    let columns = 0;
    if (allAscii) {
      for (const tag of this.tags) {
        for (let i = 0; i < tag.length; i++) {
          const unit = tag.charCodeAt(i);
          if (column[unit] === NONE) column[unit] = columns++;
        }
      }
      // Normalised tags have no upper case; an upper-case letter walks as its lower case.
      for (let upper = 65; upper <= 90; upper++) column[upper] = column[upper + 32] as number;
    }
    const width = columns + 1;
    const children: Map<number, number>[] = [new Map<number, number>()];
    const ends: number[] = [NONE];
    if (allAscii) {
      this.tags.forEach((tag, index) => {
        let state = 0;
        for (let i = 0; i < tag.length; i++) {
          const at = column[tag.charCodeAt(i)] as number;
          const edges = children[state] as Map<number, number>;
          let next = edges.get(at);
          if (next === undefined) {
            next = children.length;
            children.push(new Map());
            ends.push(NONE);
            edges.set(at, next);
          }
          state = next;
        }
        ends[state] = index;
      });
    }
    const next = new Int32Array(allAscii ? children.length * width : 0).fill(NONE);
    if (allAscii) {
      children.forEach((edges, state) => {
        for (const [at, child] of edges) next[state * width + at] = child * width;
        next[state * width + columns] = ends[state] as number;
      });
    }
    this.#column = column;
    this.#next = next;
    this.#width = width;
  }

  /** The index in {@link StoryTagIndex.tags} of the story tag `tag` normalises to, or -1. */
  indexOf(tag: string): number {
    // A tag already in normal form is found at once (a map of strings reads their cached hash).
    const exact = this.#byTag.get(tag);
    if (exact !== undefined) return exact;
    const length = tag.length;
    const next = this.#next;
    if (length === 0 || next.length === 0) return this.#normalizedIndexOf(tag);
    const first = tag.charCodeAt(0);
    if (first >= ASCII || first === HASH || isAsciiSpace(first))
      return this.#normalizedIndexOf(tag);
    const column = this.#column;
    let row = 0;
    for (let i = 0; i < length; i++) {
      const unit = tag.charCodeAt(i);
      if (unit >= ASCII) return this.#normalizedIndexOf(tag);
      const at = column[unit] as number;
      const after = at === NONE ? NONE : (next[row + at] as number);
      if (after === NONE) return isAsciiSpace(unit) ? this.#normalizedIndexOf(tag) : NONE;
      row = after;
    }
    if (isAsciiSpace(tag.charCodeAt(length - 1))) return this.#normalizedIndexOf(tag);
    return next[row + this.#width - 1] as number;
  }

  #normalizedIndexOf(tag: string): number {
    return this.#byTag.get(normalizeStoryTag(tag)) ?? NONE;
  }
}
