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
});
/** The result of `prismq-bench compare` for one project. */
export type CompareDocument = z.infer<typeof CompareDocumentSchema>;
