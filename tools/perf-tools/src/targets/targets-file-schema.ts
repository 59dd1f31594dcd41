import { z } from 'zod';
import { CASE_ID_PATTERN } from '@prismq/profiling';

/** Version of `benchmarks/targets.json`; readers reject versions they do not know. */
export const TARGETS_FILE_VERSION = 1 as const;

/** Units a target or a measurement may be stated in. */
export const MeasureUnitSchema = z.enum([
  'ns',
  'us',
  'ms',
  's',
  'ops/s',
  'items/s',
  'lines/s',
  'req/s',
  'B',
  'KB',
  'MB',
  'GB',
  '%',
  'count',
]);
/** Units a target or a measurement may be stated in. */
export type MeasureUnit = z.infer<typeof MeasureUnitSchema>;

/** Comparison a measurement must satisfy, read as `measured op value`. */
export const TargetOpSchema = z.enum(['<', '<=', '>', '>=']);
/** Comparison a measurement must satisfy. */
export type TargetOp = z.infer<typeof TargetOpSchema>;

const caseId = z.string().regex(CASE_ID_PATTERN, 'case id must look like <module>/<group>/<case>');
const common = {
  /** Stable key of the target, used in reports and findings. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'target id must be lower-case kebab-case'),
  module: z.string().min(1),
  /** The wording of the plan's table, shown in the reports. */
  description: z.string().min(1),
  op: TargetOpSchema,
  value: z.number().positive(),
  unit: MeasureUnitSchema,
};

/**
 * A target on a mitata case of `latest.json`. `throughput` is ops/s × `itemsPerOp`, for cases
 * that process a batch per operation.
 */
export const BenchTargetSchema = z
  .object({
    ...common,
    source: z.literal('bench'),
    case: caseId,
    metric: z.enum(['min', 'p50', 'p75', 'p95', 'p99', 'mean', 'max', 'opsPerSec', 'throughput']),
    itemsPerOp: z.number().positive().optional(),
  })
  .strict()
  .refine((t) => t.metric !== 'throughput' || t.itemsPerOp !== undefined, {
    message: 'metric "throughput" needs itemsPerOp',
    path: ['itemsPerOp'],
  });
/** A target on a mitata case. */
export type BenchTarget = z.infer<typeof BenchTargetSchema>;

/** A target on a named metric of a whole-system load test (`reports/load/<project>.json`). */
export const LoadTargetSchema = z
  .object({
    ...common,
    source: z.literal('load'),
    case: caseId,
    metric: z.string().min(1),
  })
  .strict();
/** A target on a load-test metric. */
export type LoadTarget = z.infer<typeof LoadTargetSchema>;

/** One row of the plan's target table, mapped onto a measured case. */
export const CaseTargetSchema = z.discriminatedUnion('source', [
  BenchTargetSchema,
  LoadTargetSchema,
]);
/** One row of the plan's target table, mapped onto a measured case. */
export type CaseTarget = z.infer<typeof CaseTargetSchema>;

/**
 * A memory ceiling for a module, checked against every memory report whose scenario name
 * starts with `match` (default: the module name).
 */
export const MemoryTargetSchema = z
  .object({
    ...common,
    unit: z.enum(['B', 'KB', 'MB', 'GB']),
    op: z.enum(['<', '<=']),
    metric: z.enum(['peakHeapUsed', 'peakRss', 'heapIncrease']),
    match: z.string().min(1).optional(),
  })
  .strict();
/** A memory ceiling for a module. */
export type MemoryTarget = z.infer<typeof MemoryTargetSchema>;

/** Declares `case` as a larger-input variant of `of`, for the size-jump rule. */
export const VariantSchema = z
  .object({
    case: caseId,
    of: caseId,
    /** Input-size ratio to use when the cases carry no `inputSize`. */
    sizeRatio: z.number().positive().optional(),
  })
  .strict();
/** Declares one case as a larger-input variant of another. */
export type Variant = z.infer<typeof VariantSchema>;

/** `benchmarks/targets.json`. */
export const TargetsFileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(TARGETS_FILE_VERSION),
    targets: z.array(CaseTargetSchema),
    memory: z.array(MemoryTargetSchema),
    variants: z.array(VariantSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    [...file.targets, ...file.memory].forEach((t) => {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate target id "${t.id}"`,
          path: ['targets'],
        });
      seen.add(t.id);
    });
  });
/** `benchmarks/targets.json`. */
export type TargetsFile = z.infer<typeof TargetsFileSchema>;
