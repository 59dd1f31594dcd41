import { z } from 'zod';
import { MappingStatusSchema, SourceMapWarningSchema } from './profile-summary-schema.js';
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

/** What a paired comparison concluded about one case's allocation. */
export const AllocationVerdictSchema = z.enum(['more', 'less', 'unchanged']);
/** What a paired comparison concluded about one case's allocation. */
export type AllocationVerdict = z.infer<typeof AllocationVerdictSchema>;

/**
 * Heap bytes one iteration of a case allocates, base against head, measured in the same slices
 * as its time (the growth of V8's used heap across each sample, as mitata measures it).
 * `ratio` = head bytes / base bytes, `[low, high]` its interval; read against the method's
 * threshold as the time is.
 */
export const CompareAllocationSchema = z.object({
  /** Median over the rounds of the base side's bytes per iteration. */
  baseBytes: z.number().nonnegative(),
  /** Median over the rounds of the head side's bytes per iteration. */
  headBytes: z.number().nonnegative(),
  ratio: z.number().positive(),
  low: z.number().positive(),
  high: z.number().positive(),
  verdict: AllocationVerdictSchema,
});
/** Heap bytes per iteration of a case, base against head. */
export type CompareAllocation = z.infer<typeof CompareAllocationSchema>;

/** One side's self time of a function in a case's profile. */
const ExplainedSideSchema = z.object({
  /** Samples with the function on top of the stack. */
  samples: z.number().int().nonnegative(),
  /** Its share of the case's samples, 0–1. */
  share: z.number().min(0).max(1),
  /** Its self time per iteration, ns: share × the side's median time per iteration while profiled. */
  selfNs: z.number().nonnegative(),
});

/**
 * A function whose self time per iteration changed beyond sampling noise between base and head.
 * `location` is the source line within it whose self time changed most (`file:line`, relative to
 * the checkout: `libs/<lib>/src/….ts:42` when the build's source map allowed, else the built
 * location).
 */
export const ExplainedFrameSchema = z.object({
  functionName: z.string(),
  /** `file:line` of the line within the function whose self time changed most. */
  location: z.string().min(1),
  /** `file:line` where the function starts. */
  functionLocation: z.string().min(1),
  /** `file:line` of the built code V8 ran (relative to the checkout when inside it). */
  builtLocation: z.string().min(1),
  /** How `functionLocation` was found (see {@link MappingStatusSchema}). */
  mapping: MappingStatusSchema.optional(),
  change: z.enum(['grew', 'shrank']),
  base: ExplainedSideSchema,
  head: ExplainedSideSchema,
  /** head − base self time per iteration, ns. */
  deltaNs: z.number(),
  /** head − base share of the case. */
  deltaShare: z.number().min(-1).max(1),
  /** The lines of the function whose self time changed most: 1-based line and change in ns per iteration. */
  lines: z.array(z.object({ line: z.number().int().positive(), deltaNs: z.number() })),
});
/** A function whose self time changed beyond sampling noise. */
export type ExplainedFrame = z.infer<typeof ExplainedFrameSchema>;

/**
 * One bar of a case's differential flame graph: the head's call tree, each frame with its self
 * share on both sides (a path the base profile lacks has `baseSelfShare` 0).
 */
export const DiffFlameFrameSchema = z.object({
  name: z.string(),
  location: z.string(),
  depth: z.number().int().nonnegative(),
  /** Start and width as fractions of the head's samples. */
  x: z.number().min(0).max(1),
  width: z.number().min(0).max(1),
  /** Head samples in this frame and its callees. */
  samples: z.number().int().nonnegative(),
  headSelfShare: z.number().min(0).max(1),
  baseSelfShare: z.number().min(0).max(1),
});
/** One bar of a differential flame graph. */
export type DiffFlameFrame = z.infer<typeof DiffFlameFrameSchema>;

/**
 * Why a case's time changed (`prismq-bench compare --explain`, and every `slower` case): both
 * sides profiled with V8's CPU profiler under the same slices, the samples inside the case's
 * function kept, their functions source-mapped and compared. `frames` lists only changes beyond
 * sampling noise, most grown first, then most shrunk.
 */
export const CaseExplanationSchema = z.object({
  /** Profiler sampling interval, µs. */
  sampleIntervalUs: z.number().positive(),
  /** Samples of the case (the threads' idle time left out) per side. */
  samples: z.object({
    base: z.number().int().nonnegative(),
    head: z.number().int().nonnegative(),
  }),
  /**
   * Median time per iteration of each side while profiled, ns (profiled without inlining, so
   * each function's samples are its own code's: above the measured times).
   */
  nsPerIteration: z.object({ base: z.number().positive(), head: z.number().positive() }),
  /** Standard errors a change must exceed to be listed (the noise rule; see the README). */
  noiseZ: z.number().positive(),
  frames: z.array(ExplainedFrameSchema),
  /** The head's call tree coloured against the base: frames under 0.2 % of the samples left out. */
  flame: z.array(DiffFlameFrameSchema),
  /** Built files whose frames kept their built location, and why. */
  sourceMapWarnings: z.array(SourceMapWarningSchema),
});
/** Why a case's time changed. */
export type CaseExplanation = z.infer<typeof CaseExplanationSchema>;

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
  /** Heap bytes per iteration and their verdict (absent in documents written before it was measured). */
  allocation: CompareAllocationSchema.optional(),
  /** Which functions and lines made the difference (present for explained cases only). */
  explanation: CaseExplanationSchema.optional(),
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
