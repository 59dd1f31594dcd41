import { z } from 'zod';

/** The two sides of a comparison. */
const SideNameSchema = z.enum(['base', 'head']);
/** The two sides of a comparison. */
export type SideName = z.infer<typeof SideNameSchema>;

/** Where one side's bench files are. */
const WorkerSideSchema = z.object({
  side: SideNameSchema,
  /** The side's benchmark project folder: bench files resolve mitata and libraries from there. */
  benchDir: z.string().min(1),
  files: z.array(z.string().min(1)).min(1),
});

/** What one round (one worker process) measures. */
export const WorkerTaskSchema = z.object({
  /** Load and measuring order: the first side starts the first pair (then ABBA). */
  sides: z.tuple([WorkerSideSchema, WorkerSideSchema]),
  /** Source of the case filter, matched against case ids. */
  filter: z.string().optional(),
  /** Measuring time of one slice (one side, one case, one alternation), in ns. */
  sliceNs: z.number().positive(),
  /** Alternations per case: base and head are each measured this many times. */
  pairs: z.number().int().positive(),
  /** Where the worker writes its {@link WorkerResult}. */
  resultPath: z.string().min(1),
  /** Only list the cases (after the filter) each side registers; measure nothing. */
  list: z.boolean().optional(),
  /**
   * Profile the cases (after the filter) instead of measuring them: each side's thread runs its
   * slices under V8's CPU profiler and writes one `.cpuprofile` per case into `profileDir`.
   */
  explain: z
    .object({
      /** The cases to profile, in order of need: the budget leaves out the last ones. */
      ids: z.array(z.string().min(1)).min(1),
      /** Slices per side and case while profiling (alternating, as when measuring). */
      slices: z.number().int().positive(),
      sampleIntervalUs: z.number().int().positive(),
      /** No case is started after this many ms; the rest are left unexplained. */
      budgetMs: z.number().positive(),
      profileDir: z.string().min(1),
    })
    .optional(),
});
/** What one round (one worker process) measures. */
export type WorkerTask = z.infer<typeof WorkerTaskSchema>;

/**
 * One case measured in one round: median time per iteration of each slice, in ns, by pair, and
 * the heap bytes per iteration of the same slices (null for a slice whose every sample saw a
 * collection shrink the heap).
 */
const RoundCaseSchema = z.object({
  id: z.string().min(1),
  base: z.array(z.number().positive()),
  head: z.array(z.number().positive()),
  baseBytes: z.array(z.number().nonnegative().nullable()).optional(),
  headBytes: z.array(z.number().nonnegative().nullable()).optional(),
});
/** One case measured in one round. */
export type RoundCase = z.infer<typeof RoundCaseSchema>;

/** Where a function starts in a profile: V8's script id and 0-based position, as call frames give it. */
const FunctionPositionSchema = z.object({
  scriptId: z.string(),
  lineNumber: z.number().int(),
  columnNumber: z.number().int(),
});
/** Where a function starts in a profile. */
export type FunctionPosition = z.infer<typeof FunctionPositionSchema>;

/** One side's profile of a case, one file per block of slices. */
const SideProfileFileSchema = z.object({
  paths: z.array(z.string().min(1)).min(1),
  /** The bench function of the case (absent when the inspector could not say). */
  caseFunction: FunctionPositionSchema.optional(),
  /** Median time per iteration of each slice run under the profiler, ns. */
  sliceNs: z.array(z.number().positive()),
});

/** What a worker reports back. */
export const WorkerResultSchema = z.object({
  cases: z.array(RoundCaseSchema),
  /** Cases (after the filter) that only one side has. */
  onlyIn: z.array(z.object({ id: z.string(), side: SideNameSchema })),
  /** Cases that threw on a side. */
  failures: z.array(z.object({ id: z.string(), side: SideNameSchema, message: z.string() })),
  /** Per side, the bench files that register a selected case: later rounds load only these. */
  files: z.object({ base: z.array(z.string()), head: z.array(z.string()) }),
  /** Per side, the ids of the cases it registers (after the filter); written by a listing task. */
  listed: z.object({ base: z.array(z.string()), head: z.array(z.string()) }).optional(),
  /**
   * Written by an explaining task: each profiled case's `.cpuprofile` per side, and where in it
   * the case's own function is (its calls are the case; the rest is the measuring loop).
   */
  profiles: z
    .array(z.object({ id: z.string(), base: SideProfileFileSchema, head: SideProfileFileSchema }))
    .optional(),
});
/** What a worker reports back. */
export type WorkerResult = z.infer<typeof WorkerResultSchema>;
