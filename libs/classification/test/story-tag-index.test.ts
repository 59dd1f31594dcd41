import { describe, expect, it } from 'vitest';
import { defaultKeywordTables } from '../src/tables/default-keyword-tables.js';
import { StoryTagIndex } from '../src/classifiers/story-tag-index.js';
import { normalizeStoryTag } from '../src/classifiers/story-tag.js';

/** What the index must answer: the position of the normalised tag among the normalised story tags. */
function expected(index: StoryTagIndex, tag: string): number {
  return index.tags.indexOf(normalizeStoryTag(tag));
}

/** Every prefix of each word, each in the forms tags come in: cases, `#`, spaces, look-alikes. */
function variants(words: readonly string[]): string[] {
  const forms = (text: string): string[] => [
    text,
    text.toUpperCase(),
    text.charAt(0).toUpperCase() + text.slice(1),
    `#${text}`,
    `## ${text}`,
    ` ${text}`,
    `${text} `,
    `${text}\t`,
    `${text}  `,
    `${text}\u00a0`,
    `\u00a0${text}`,
    `${text}\u2003x`,
    `${text}x`,
    `${text}\u0001`,
    text.replace(/k/g, '\u212a'), // KELVIN SIGN, lower-cased to an ASCII k
    text.replace(/i/g, '\u0130'), // LATIN CAPITAL I WITH DOT, lower-cased to two code units
    text.replace(/ /g, '  '),
    text.replace(/ /g, '\t'),
  ];
  const prefixes = words.flatMap((word) =>
    Array.from({ length: word.length + 1 }, (_, n) => word.slice(0, n)),
  );
  return [...new Set(prefixes.flatMap(forms))];
}

describe('StoryTagIndex', () => {
  it('answers as normalising the tag and looking it up would, for the shipped story tags', () => {
    const index = new StoryTagIndex(defaultKeywordTables().story.tags);
    const tags = variants([...index.tags, 'comedy', 'funny', 'memes', 'entertainment', 'k-pop']);
    expect(tags.length).toBeGreaterThan(1000);
    const wrong = tags.filter((tag) => index.indexOf(tag) !== expected(index, tag));
    expect(wrong).toEqual([]);
    expect(index.indexOf('Storytime')).toBe(index.tags.indexOf('storytime'));
    expect(index.indexOf('#True Story ')).toBe(index.tags.indexOf('true story'));
    expect(index.indexOf('comedy')).toBe(-1);
  });

  it('normalises its own tables and keeps the first of tags that normalise alike', () => {
    const index = new StoryTagIndex(['#Saga ', 'saga', ' K-Pop', 'yarn']);
    expect(index.tags).toEqual(['saga', 'k-pop', 'yarn']);
    expect(index.indexOf('SAGA')).toBe(0);
    expect(index.indexOf('\u212a-pop')).toBe(1);
    expect(index.indexOf('k-pops')).toBe(-1);
  });

  it('answers the same when a story tag is not all ASCII, and for an empty story tag', () => {
    const index = new StoryTagIndex(['Café', 'ΣΑΓΑ', '   ', 'k-pop']);
    expect(index.tags).toEqual(['café', 'σαγα', '', 'k-pop']);
    const tags = variants([...index.tags, 'cafe', 'caf', 'σαγας']);
    const wrong = tags.filter((tag) => index.indexOf(tag) !== expected(index, tag));
    expect(wrong).toEqual([]);
    expect(index.indexOf('CAFÉ')).toBe(0);
    expect(index.indexOf('')).toBe(2);
    expect(index.indexOf(' # ')).toBe(2);
  });

  it('knows no tag when it has no story tags', () => {
    const index = new StoryTagIndex([]);
    expect(index.tags).toEqual([]);
    expect(['', 'saga', '#', ' x '].map((tag) => index.indexOf(tag))).toEqual([-1, -1, -1, -1]);
  });
});
