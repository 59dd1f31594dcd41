import * as z from 'zod/mini';
import { KeywordTableError } from '../classification-error.js';
import { parseWithIssues } from '../validation-issue.js';
import { tokenize } from '../matching/tokenizer.js';

const keywordText = z.string().check(
  z.trim(),
  z.minLength(1, 'keyword must not be empty'),
  z.refine(
    (keyword) => tokenize(keyword).length > 0,
    'keyword must contain at least one word character',
  ),
);

const weight = z.number().check(z.positive('weight must be > 0'));

const weightedKeywords = z.record(z.string(), weight).check(
  z.superRefine((keywords, ctx) => {
    for (const keyword of Object.keys(keywords)) {
      const checked = keywordText.safeParse(keyword);
      if (!checked.success) {
        ctx.addIssue({
          code: 'custom',
          path: [keyword],
          message: checked.error.issues[0]?.message ?? 'invalid keyword',
        });
      }
    }
  }),
);

const keywordList = z.array(keywordText);

/** One category of the primary-category table. */
export const CategoryTableSchema = z.object({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and -')),
  label: z.string().check(z.trim(), z.minLength(1, 'label must not be empty')),
  about: z.string(),
  usable: z.boolean(),
  keywords: weightedKeywords,
});
/** One category of the primary-category table. */
export type CategoryTable = z.infer<typeof CategoryTableSchema>;

/** The story detector's tables. */
export const StoryTablesSchema = z.object({
  titleKeywords: weightedKeywords,
  descriptionKeywords: keywordList,
  tags: keywordList,
  nonStoryKeywords: keywordList,
  firstPersonOpeners: keywordList,
});
/** The story detector's tables. */
export type StoryTables = z.infer<typeof StoryTablesSchema>;

/** How much a match counts in each field of the category score. */
export const FieldMultipliersSchema = z.object({
  title: weight,
  description: weight,
  tag: weight,
  subtitle: weight,
});
/** How much a match counts in each field of the category score. */
export type FieldMultipliers = z.infer<typeof FieldMultipliersSchema>;

/**
 * Every keyword table of the package, in the shape of the shipped defaults. Categories are
 * listed in tie-break order; exactly one has `usable: false` and is the answer when nothing
 * matches.
 */
export const KeywordTablesSchema = z
  .object({
    description: z.optional(z.string()),
    categories: z
      .array(CategoryTableSchema)
      .check(z.minLength(1, 'at least one category is required')),
    fieldMultipliers: FieldMultipliersSchema,
    story: StoryTablesSchema,
  })
  .check(
    z.superRefine((tables, ctx) => {
      const seenIds = new Map<string, number>();
      const seenLabels = new Map<string, number>();
      tables.categories.forEach((category, index) => {
        const earlierId = seenIds.get(category.id);
        if (earlierId !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', index, 'id'],
            message: `duplicate id "${category.id}" (also categories.${earlierId})`,
          });
        }
        seenIds.set(category.id, index);
        const earlierLabel = seenLabels.get(category.label);
        if (earlierLabel !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', index, 'label'],
            message: `duplicate label "${category.label}" (also categories.${earlierLabel})`,
          });
        }
        seenLabels.set(category.label, index);
      });
      const fallbacks = tables.categories.filter((category) => !category.usable).length;
      if (fallbacks !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories'],
          message: `exactly one category must have usable: false (the fallback when nothing matches), found ${fallbacks}`,
        });
      }
    }),
  );
/** Every keyword table of the package, validated. */
export type KeywordTables = z.infer<typeof KeywordTablesSchema>;

/**
 * Validates caller-supplied keyword tables. Throws {@link KeywordTableError} listing every
 * problem with its path (`categories.2.keywords.tips: weight must be > 0`).
 */
export function parseKeywordTables(input: unknown): KeywordTables {
  const parsed = parseWithIssues(KeywordTablesSchema, input);
  if (parsed.ok) return parsed.data;
  throw new KeywordTableError(parsed.issues);
}
