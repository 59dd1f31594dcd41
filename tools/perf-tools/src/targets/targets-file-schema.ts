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
const identity = {
  /** Stable key of the target, used in reports and findings. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'target id must be lower-case kebab-case'),
  module: z.string().min(1),
  /** What the target promises, in the reports' words. */
  description: z.string().min(1),
  op: TargetOpSchema,
};
const common = {
  ...identity,
  value: z.number().positive(),
  unit: MeasureUnitSchema,
};

const BenchMetricSchema = z.enum([
  'min',
  'p50',
  'p75',
  'p95',
  'p99',
  'mean',
  'max',
  'opsPerSec',
  'throughput',
]);

/** What a bench target holds apart from its bound: the case, its metric and its batch size. */
interface BenchTargetBase {
  readonly id: string;
  readonly module: string;
  readonly description: string;
  readonly op: TargetOp;
  readonly source: 'bench';
  readonly case: string;
  readonly metric: z.infer<typeof BenchMetricSchema>;
  readonly itemsPerOp?: number;
}

/** A bench target with a bound in a unit: `p50 < 10 ms`. */
export interface AbsoluteBenchTarget extends BenchTargetBase {
  readonly value: number;
  readonly unit: MeasureUnit;
}

/**
 * A bench target bounded by another case of the same run: `p50 ≤ 3.5 × p50 of relativeTo`.
 * Both sides are measured in one process minutes apart, so the ratio does not move with the
 * machine the way an absolute time does.
 */
export interface RelativeBenchTarget extends BenchTargetBase {
  /** The reference case, measured in the same run. */
  readonly relativeTo: string;
  /** How many times the reference's metric the case's metric may be. */
  readonly ratio: number;
}

/** A target on a mitata case: absolute (`value` + `unit`) or relative (`ratio` + `relativeTo`). */
export type BenchTarget = AbsoluteBenchTarget | RelativeBenchTarget;

/** Whether a target is bounded by another case of the same run. */
export function isRelativeTarget(target: object): target is RelativeBenchTarget {
  return 'relativeTo' in target;
}

/**
 * A target on a mitata case of `latest.json`. `throughput` is ops/s × `itemsPerOp`, for cases
 * that process a batch per operation. The bound is either `value` + `unit`, or `ratio` +
 * `relativeTo` (the same metric of another case in the same run).
 */
export const BenchTargetSchema = z
  .object({
    ...identity,
    source: z.literal('bench'),
    case: caseId,
    metric: BenchMetricSchema,
    itemsPerOp: z.number().positive().optional(),
    value: z.number().positive().optional(),
    unit: MeasureUnitSchema.optional(),
    ratio: z.number().positive().optional(),
    relativeTo: caseId.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const issue = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (t.metric === 'throughput' && t.itemsPerOp === undefined)
      issue('itemsPerOp', 'metric "throughput" needs itemsPerOp');
    const relative = t.relativeTo !== undefined || t.ratio !== undefined;
    const absolute = t.value !== undefined || t.unit !== undefined;
    if (relative && absolute)
      issue(
        t.relativeTo !== undefined ? 'relativeTo' : 'ratio',
        'a target is either absolute (value, unit) or relative (ratio, relativeTo), not both',
      );
    else if (relative) {
      if (t.relativeTo === undefined || t.ratio === undefined)
        issue(
          t.relativeTo === undefined ? 'relativeTo' : 'ratio',
          'a relative target needs both ratio and relativeTo',
        );
      else if (t.relativeTo === t.case) issue('relativeTo', 'a case cannot be its own reference');
    } else if (t.value === undefined || t.unit === undefined)
      issue(
        t.value === undefined ? 'value' : 'unit',
        'a target needs value and unit (or ratio and relativeTo)',
      );
  })
  .transform((t): BenchTarget => {
    const { value, unit, ratio, relativeTo, itemsPerOp, ...base } = t;
    const withItems = itemsPerOp === undefined ? base : { ...base, itemsPerOp };
    // The refinement above guarantees exactly one complete form.
    return relativeTo !== undefined
      ? { ...withItems, relativeTo, ratio: ratio! }
      : { ...withItems, value: value!, unit: unit! };
  });

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

/** One promise of the product, as a bound on a measured case. */
export const CaseTargetSchema = z.discriminatedUnion('source', [
  BenchTargetSchema,
  LoadTargetSchema,
]);
/** One promise of the product, as a bound on a measured case. */
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
