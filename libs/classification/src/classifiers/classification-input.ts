import { InvalidFieldError } from '../classification-error.js';

/** What the classifiers read. Missing (or null) fields count as empty. */
export interface ClassificationInput {
  /** The title. */
  title?: string | null;
  /** The description. */
  description?: string | null;
  /** Tags, each matched on its own. */
  tags?: readonly string[] | null;
  /** Transcript or subtitles; only the first `subtitleWindow` characters are read. */
  subtitleText?: string | null;
}

/** A {@link ClassificationInput} with every field present and type-checked. */
export interface NormalizedInput {
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly subtitleText: string;
}

/**
 * A raw metadata record as scrapers store it (snake_case): `title`, `description`, `tags`,
 * `subtitle_text`; other keys are ignored.
 */
export type MetadataRecord = Readonly<Record<string, unknown>>;

const EMPTY_TAGS: readonly string[] = Object.freeze([]);

/**
 * Checks the types of a classification input by hand (this runs once per classified item, so
 * no schema library here) and fills missing fields. Throws {@link InvalidFieldError} naming
 * the field: a non-string title, non-array tags, a non-string tag (`tags[2]`).
 */
export function normalizeInput(input: unknown): NormalizedInput {
  return readInput(input, 'input', 'subtitleText');
}

/**
 * Reads a {@link MetadataRecord} (`subtitle_text` instead of `subtitleText`) into a
 * {@link NormalizedInput}, with the same type rules as {@link normalizeInput}.
 */
export function inputFromMetadata(record: unknown): NormalizedInput {
  return readInput(record, 'record', 'subtitle_text');
}

// The two shapes differ only in what the value is called and the subtitle field's name.
function readInput(value: unknown, name: string, subtitleKey: string): NormalizedInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidFieldError(name, 'an object', value);
  }
  const fields = value as Record<string, unknown>;
  return {
    title: readText(fields, 'title'),
    description: readText(fields, 'description'),
    tags: readTags(fields),
    subtitleText: readText(fields, subtitleKey),
  };
}

function readText(fields: Record<string, unknown>, key: string): string {
  const value = fields[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidFieldError(key, 'a string', value);
  return value;
}

function readTags(fields: Record<string, unknown>): readonly string[] {
  const value = fields['tags'];
  if (value === undefined || value === null) return EMPTY_TAGS;
  if (!Array.isArray(value)) throw new InvalidFieldError('tags', 'an array of strings', value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string')
      throw new InvalidFieldError(`tags[${i}]`, 'a string', value[i]);
  }
  return value as readonly string[];
}
