import type { IdeaInspiration, SourceType } from './idea-inspiration.js';

/** Metadata as it arrives from scrapers: any values, turned into strings on extraction. */
export type RawMetadata = Readonly<Record<string, unknown>>;

/**
 * Builds {@link IdeaInspiration}s from the shapes content arrives in. Extraction is lenient:
 * it never throws on a missing title (validate with `parseIdeaInspiration` when you need one).
 */
export const IdeaExtractor = Object.freeze({
  /** An article or post: its body becomes the content. */
  fromText(
    title: string,
    description = '',
    body = '',
    tags: readonly string[] = [],
    metadata: RawMetadata = {},
  ): IdeaInspiration {
    return makeIdea('text', title, description, body, tags, metadata);
  },
  /** A video: its subtitles become the content. */
  fromVideo(
    title: string,
    description = '',
    subtitleText = '',
    tags: readonly string[] = [],
    metadata: RawMetadata = {},
  ): IdeaInspiration {
    return makeIdea('video', title, description, subtitleText, tags, metadata);
  },
  /** An audio item (podcast episode…): its transcription becomes the content. */
  fromAudio(
    title: string,
    description = '',
    transcription = '',
    tags: readonly string[] = [],
    metadata: RawMetadata = {},
  ): IdeaInspiration {
    return makeIdea('audio', title, description, transcription, tags, metadata);
  },
  /**
   * A raw record: with `subtitle_text` it is a video, with `transcription` audio, else text
   * from `body` or `content`. `tags` may be an array or a comma-separated string; every other
   * key except the known fields goes to metadata. Non-string values are read as empty.
   */
  fromMetadata(record: RawMetadata): IdeaInspiration {
    const title = text(record['title']);
    const description = text(record['description']);
    const tags = rawTags(record['tags']);
    const rest: Record<string, unknown> = {
      ...(isRecord(record['metadata']) ? record['metadata'] : {}),
    };
    for (const [key, value] of Object.entries(record)) {
      if (!RECORD_FIELDS.has(key)) rest[key] = value;
    }
    if (typeof record['subtitle_text'] === 'string')
      return makeIdea('video', title, description, record['subtitle_text'], tags, rest);
    if (typeof record['transcription'] === 'string')
      return makeIdea('audio', title, description, record['transcription'], tags, rest);
    return makeIdea(
      'text',
      title,
      description,
      text(record['body']) || text(record['content']),
      tags,
      rest,
    );
  },
});

const RECORD_FIELDS = new Set([
  'title',
  'description',
  'tags',
  'subtitle_text',
  'transcription',
  'body',
  'content',
  'metadata',
]);
const LEADING_HASHES = /^#+/;

/**
 * Tags become keywords: trimmed, leading `#` removed, lower-cased, kept when longer than one
 * character, duplicates dropped (first kept).
 */
export function tagsToKeywords(tags: readonly string[]): string[] {
  const keywords: string[] = [];
  for (const tag of tags) {
    const keyword = tag.trim().replace(LEADING_HASHES, '').trim().toLowerCase();
    if (keyword.length > 1 && !keywords.includes(keyword)) keywords.push(keyword);
  }
  return keywords;
}

/** Metadata values become strings: objects and arrays as JSON, null and undefined dropped. */
export function stringifyMetadata(metadata: RawMetadata): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    const text = metadataText(value);
    if (text !== undefined) result[key] = text;
  }
  return result;
}

function metadataText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return value;
    case 'object':
      return value === null ? undefined : JSON.stringify(value);
    default:
      // number, bigint, boolean, symbol or function
      return String(value);
  }
}

function makeIdea(
  sourceType: SourceType,
  title: string,
  description: string,
  content: string,
  tags: readonly string[],
  metadata: RawMetadata,
): IdeaInspiration {
  return {
    title,
    description,
    content,
    keywords: tagsToKeywords(tags),
    sourceType,
    metadata: stringifyMetadata(metadata),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function rawTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === 'string');
  if (typeof value === 'string') return value.split(',');
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
