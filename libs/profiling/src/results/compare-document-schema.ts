import { z } from 'zod';
import { BenchmarkEnvironmentSchema, CASE_ID_PATTERN } from './result-schema.js';

/**
 * Version of the compare document. It changes only together with a migration in
 * {@link parseCompareDocument}; readers reject versions they do not know.
 */
export const COMPARE_SCHEMA_VERSION = 1 as const;

/** What a paired comparison concluded about one case. */
export const CompareVerdictSchema = z.enum(['slower', 'faster', 'unchanged']);
/** What a paired comparison concluded about one case. */
export type CompareVerdict = z.infer<typeof CompareVerdictSchema>;

/** One side of a comparison: the ref the user named and the commit it resolved to. */
export const CompareSideSchema = z.object({
  ref: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/, 'commit must be a full 40-hex git commit id'),
});

/** One case of a paired comparison. `ratio` = head time / base time; `[low, high]` its interval. */
export const CompareCaseSchema = z.object({
  id: z.string().regex(CASE_ID_PATTERN, 'case id must look like <module>/<group>/<case>'),
  ratio: z.number().positive(),
  low: z.number().positive(),
  high: z.number().positive(),
  verdict: CompareVerdictSchema,
  /** Median over the rounds of the base side's median time per iteration in the round, in ns. */
  baseP50: z.number().nonnegative(),
  /** Median over the rounds of the head side's median time per iteration in the round, in ns. */
  headP50: z.number().nonnegative(),
  /** Paired rounds the ratio and its interval come from. */
  rounds: z.number().int().positive(),
  /**
   * How far two unpaired runs of the case on this machine can differ with no change to the code,
   * as a fraction: 95 % bound from the interquartile range of the rounds' log-medians (each
   * round is a fresh process), the larger of the two sides (absent in documents written before
   * it was recorded).
   */
  roundSpread: z.number().nonnegative().optional(),
});
/** One case of a paired comparison. */
export type CompareCase = z.infer<typeof CompareCaseSchema>;

/**
 * Which part of a comparison's cases a shard document holds (`prismq-bench compare --shard i/n`):
 * the cases are sorted by id (code-unit order) and dealt round-robin, the `i`-th of every `n` to
 * shard `i`, so every machine assigns alike and the shards differ by at most one case.
 */
export const CompareShardSchema = z
  .object({
    /** `i` of `i/n`, from 1. */
    index: z.number().int().positive(),
    /** `n` of `i/n`. */
    count: z.number().int().positive(),
    /** Ids of the cases dealt to this shard, both sides of each measured here. */
    caseIds: z.array(z.string()),
    /** How many cases all shards together hold. */
    caseCount: z.number().int().nonnegative(),
    /** SHA-256 (hex) of the ids of all shards' cases, sorted, one per line. */
    caseSetHash: z.string().regex(/^[0-9a-f]{64}$/, 'caseSetHash must be a SHA-256 in hex'),
    /** Cases of this shard that could not be compared, and why. */
    notCompared: z.array(z.object({ id: z.string(), why: z.string() })),
  })
  .refine((shard) => shard.index <= shard.count, {
    message: 'index must be at most count',
    path: ['index'],
  });
/** Which part of a comparison's cases a shard document holds. */
export type CompareShard = z.infer<typeof CompareShardSchema>;

/**
 * The result of `prismq-bench compare`: `reports/compare/<project>.json` (or, when both sides
 * are the same clean commit, the A/A noise measurement `reports/compare/<project>.aa.json`).
 */
export const CompareDocumentSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  project: z.string().min(1),
  createdAt: z.iso.datetime(),
  base: CompareSideSchema,
  head: CompareSideSchema.extend({
    /** The head side is the working tree with uncommitted changes to tracked or new files. */
    dirty: z.boolean(),
  }),
  /** The machine both sides ran on. */
  environment: BenchmarkEnvironmentSchema,
  /** How verdicts were reached: a change smaller than `threshold` (a fraction) is never reported. */
  method: z.object({
    name: z.string().min(1),
    threshold: z.number().nonnegative(),
    confidence: z.number().gt(0).lt(1),
  }),
  cases: z.array(CompareCaseSchema),
  /** Present on the document of one shard (`--shard i/n`), which holds only its part of the cases. */
  shard: CompareShardSchema.optional(),
  /**
   * Present on a document `prismq-bench merge` joined from shard documents: each shard's machine
   * and time (the document's `environment` is the first shard's).
   */
  shards: z
    .array(
      z.object({
        index: z.number().int().positive(),
        createdAt: z.iso.datetime(),
        environment: BenchmarkEnvironmentSchema,
      }),
    )
    .optional(),
});
/** The result of `prismq-bench compare` for one project. */
export type CompareDocument = z.infer<typeof CompareDocumentSchema>;
