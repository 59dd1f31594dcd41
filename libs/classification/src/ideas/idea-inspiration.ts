import * as z from 'zod/mini';
import { InvalidIdeaError } from '../classification-error.js';
import { parseWithIssues } from '../validation-issue.js';

/** Where an idea's content came from. */
export const SourceTypeSchema = z.enum(['text', 'video', 'audio']);
/** Where an idea's content came from. */
export type SourceType = z.infer<typeof SourceTypeSchema>;

/**
 * A piece of inspiration: a title, a description, the body (text, subtitles or
 * transcription), keywords and string metadata.
 */
export const IdeaInspirationSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1, 'title is required')),
  description: z._default(z.string(), ''),
  content: z._default(z.string(), ''),
  keywords: z._default(z.array(z.string()), []),
  sourceType: z._default(SourceTypeSchema, 'text'),
  metadata: z._default(z.record(z.string(), z.string()), {}),
});
/** A piece of inspiration, validated. */
export type IdeaInspiration = z.infer<typeof IdeaInspirationSchema>;

/**
 * Validates an unknown value as an {@link IdeaInspiration} (defaults filled in). Throws
 * {@link InvalidIdeaError} listing each problem with its path.
 */
export function parseIdeaInspiration(value: unknown): IdeaInspiration {
  const parsed = parseWithIssues(IdeaInspirationSchema, value);
  if (parsed.ok) return parsed.data;
  throw new InvalidIdeaError(parsed.issues);
}

/**
 * Fluent builder of an {@link IdeaInspiration}; `validate()` checks it against the schema
 * (title required) and returns a fresh object.
 *
 * @example
 * ```ts
 * const idea = new IdeaInspirationBuilder().title('My AITA story').keywords(['aita']).sourceType('video').validate();
 * ```
 */
export class IdeaInspirationBuilder {
  #title = '';
  #description = '';
  #content = '';
  #keywords: string[] = [];
  #sourceType: SourceType = 'text';
  #metadata: Record<string, string> = {};

  /** Sets the title (required). */
  title(title: string): this {
    this.#title = title;
    return this;
  }

  /** Sets the description. */
  description(description: string): this {
    this.#description = description;
    return this;
  }

  /** Sets the content: body text, subtitles or transcription. */
  content(content: string): this {
    this.#content = content;
    return this;
  }

  /** Replaces the keywords. */
  keywords(keywords: readonly string[]): this {
    this.#keywords = [...keywords];
    return this;
  }

  /** Appends one keyword. */
  addKeyword(keyword: string): this {
    this.#keywords.push(keyword);
    return this;
  }

  /** Sets the source type. */
  sourceType(sourceType: SourceType): this {
    this.#sourceType = sourceType;
    return this;
  }

  /** Merges metadata entries over the existing ones. */
  metadata(metadata: Readonly<Record<string, string>>): this {
    this.#metadata = { ...this.#metadata, ...metadata };
    return this;
  }

  /** Validates and returns the idea; throws {@link InvalidIdeaError} (e.g. empty title). */
  validate(): IdeaInspiration {
    return parseIdeaInspiration({
      title: this.#title,
      description: this.#description,
      content: this.#content,
      keywords: [...this.#keywords],
      sourceType: this.#sourceType,
      metadata: { ...this.#metadata },
    });
  }
}
