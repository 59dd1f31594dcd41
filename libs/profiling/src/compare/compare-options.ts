import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CompareError } from './compare-error.js';
import type { ShardSpec } from './compare-shard.js';
import { firstIssue, formatOptionIssue } from '../results/validation-issue.js';

/** Rounds run when `--rounds` is not given: fresh processes, each alternating both sides. */
const DEFAULT_ROUNDS = 10;
/** Most rounds an undecided case gets when `--max-rounds` is not given. */
const DEFAULT_MAX_ROUNDS = 30;
/** Measuring time per case, per side and per round when `--time` is not given, in ms. */
const DEFAULT_TIME_MS = 100;
/** Smallest change reported when `--threshold` is not given, in percent. */
const DEFAULT_THRESHOLD_PERCENT = 1;
/** Fewest rounds: with fewer, the signed-rank interval cannot reach 95 % confidence. */
const MIN_ROUNDS = 6;
/** Most shards a comparison may be split into. */
const MAX_SHARDS = 256;
/** Seconds per project the explaining profiles may take when `--explain-budget` is not given. */
const DEFAULT_EXPLAIN_BUDGET_S = 60;

/** What a comparison's exit code 1 stands for: a case slower, a case allocating more. */
export type FailOn = 'time' | 'allocation';

const FailOnSchema = z
  .string()
  .regex(/^(time|allocation)(,(time|allocation))*$/, 'must be time, allocation or time,allocation')
  .transform((text) => [...new Set(text.split(','))] as FailOn[]);

/**
 * Reads `--fail-on`: which verdicts make the exit code 1 (default `time`: a case `slower`).
 * @throws {@link CompareError} `COMPARE_INVALID_OPTION`
 */
export function parseFailOn(value: string | undefined): FailOn[] {
  if (value === undefined) return ['time'];
  const parsed = FailOnSchema.safeParse(value);
  if (!parsed.success)
    throw new CompareError(
      'COMPARE_INVALID_OPTION',
      `option --fail-on (${JSON.stringify(value)}) ${firstIssue(parsed.error).message}`,
    );
  return parsed.data;
}

/** Parsed command line of `prismq-bench compare`. */
export interface CompareOptions {
  base: string;
  /** Undefined: the working tree as it is. */
  head?: string;
  projects: string[];
  filter?: RegExp;
  json?: string;
  rounds: number;
  /** Most rounds for a case the first `rounds` leave undecided; equal to `rounds`: no extra rounds. */
  maxRounds: number;
  timeMs: number;
  /** Fraction, e.g. 0.02. */
  threshold: number;
  /** Measure only this shard's part of the cases (`--shard i/n`). */
  shard?: ShardSpec;
  /** Explain every case, not only the slower ones. */
  explain: boolean;
  /** Seconds the explaining profiles of one project may take; 0: explain nothing. */
  explainBudgetS: number;
  /** Verdicts that make the exit code 1. */
  failOn: FailOn[];
  help: boolean;
}

/** Usage text of `prismq-bench compare`. */
export const COMPARE_USAGE = `Usage: prismq-bench compare --base <git-ref> [--head <git-ref>] --project <name> [--project <name>...]
                           [--filter <regex>] [--json <file>] [--rounds <n>] [--max-rounds <n>]
                           [--time <ms>] [--threshold <percent>] [--shard <i>/<n>]
                           [--explain] [--explain-budget <s>] [--fail-on <time,allocation>]

Checks out both refs in temporary git worktrees (the working tree is never touched), builds
each, and runs the project's bench files against each side's own build, paired: every round is
a fresh process that alternates base and head case by case (ABBA), so machine drift hits both.

  --base <ref>         commit to compare against (branch, tag, sha, HEAD~1...)
  --head <ref>         commit under test (default: the working tree as it is, uncommitted
                       changes and new files included)
  --project <name>     benchmark project, by its prismq-bench name (scoring) or Nx name
                       (scoring-bench); repeatable
  --filter <regex>     only cases whose id matches
  --json <file>        also write the compare document there (one project only)
  --rounds <n>         rounds, each a fresh process (default ${DEFAULT_ROUNDS}, at least ${MIN_ROUNDS})
  --max-rounds <n>     most rounds for a case whose rounds point beyond the threshold but whose
                       interval does not yet (default ${DEFAULT_MAX_ROUNDS}; equal to --rounds: none extra)
  --time <ms>          measuring time per case, side and round (default ${DEFAULT_TIME_MS})
  --threshold <pct>    smallest change reported as slower/faster (default ${DEFAULT_THRESHOLD_PERCENT})
  --shard <i>/<n>      measure only shard i of n: the cases sorted by id, every n-th from the
                       i-th; writes reports/compare/shards/<project>.<i>-of-<n>.json for
                       prismq-bench merge to join
  --explain            after the verdicts, profile every case (not only the slower ones) on
                       both sides and record which functions and lines changed
  --explain-budget <s> most seconds the explaining profiles of a project may take (default
                       ${DEFAULT_EXPLAIN_BUDGET_S}; 0: explain nothing, not even slower cases)
  --fail-on <what>     which verdicts exit 1: time (a case slower, the default), allocation
                       (a case allocating more), or time,allocation

Every case also gets an allocation verdict (more / less / unchanged): heap bytes per iteration,
from the same slices, read with the same interval and threshold. Every slower case is explained
(within the budget): both sides profiled with V8's CPU profiler, frames source-mapped, functions
whose self time changed beyond sampling noise listed, and a differential flame graph written to
reports/compare/<project>.html.

Verdicts: slower / faster when the whole 95 % interval of head/base lies beyond the threshold,
unchanged otherwise. A case whose estimate lies beyond the threshold but whose interval still
reaches back across it gets 4 more rounds at a time, alone, up to --max-rounds. Writes reports/compare/<project>.json (<project>.aa.json when both sides
are the same clean commit). Exit code: 0 no case slower, 1 some case slower (or, with
--fail-on allocation, allocating more), 2 usage or setup error.`;

// A ref is handed to git: it must not be read as an option or carry control characters.
const RefSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'is longer than 256 characters')
  .refine((ref) => !ref.startsWith('-'), 'must not start with "-"')
  // eslint-disable-next-line no-control-regex
  .refine((ref) => !/[\u0000-\u001f\u007f]/.test(ref), 'must not contain control characters');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

// `i/n` with 1 ≤ i ≤ n: shard i of n.
const ShardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, 'must be <i>/<n> with whole numbers, such as 1/2')
  .transform((text) => {
    const [index, count] = text.split('/').map(Number) as [number, number];
    return { index, count };
  })
  .refine(({ count }) => count >= 1 && count <= MAX_SHARDS, `must have 1 to ${MAX_SHARDS} shards`)
  .refine(({ index, count }) => index >= 1 && index <= count, 'must have i from 1 to n');

const CompareCliSchema = z.object({
  base: z.string({ error: 'is required' }).pipe(RefSchema),
  head: RefSchema.optional(),
  project: z
    .array(z.string().regex(/^[a-z0-9@][a-z0-9@/._-]*$/, 'must be a project name'))
    .min(1, 'is required'),
  filter: z
    .string()
    .min(1, 'must not be empty')
    .transform((source, ctx) => {
      try {
        return new RegExp(source);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `is not a valid regular expression (${(error as Error).message})`,
        });
        return z.NEVER;
      }
    })
    .optional(),
  json: z.string().min(1, 'must not be empty').optional(),
  rounds: integer(MIN_ROUNDS, 200).optional(),
  'max-rounds': integer(MIN_ROUNDS, 200).optional(),
  time: integer(5, 60_000).optional(),
  threshold: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a percentage such as 2 or 2.5')
    .transform(Number)
    .pipe(z.number().max(100, 'must be at most 100'))
    .optional(),
  shard: ShardSchema.optional(),
  explain: z.boolean().optional(),
  'explain-budget': integer(0, 3600).optional(),
});

/**
 * Reads the arguments that follow `prismq-bench compare`.
 * @throws {@link CompareError} `COMPARE_INVALID_OPTION` naming the option and the rule it broke
 */
export function parseCompareOptions(argv: readonly string[]): CompareOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        project: { type: 'string', short: 'p', multiple: true },
        filter: { type: 'string', short: 'f' },
        json: { type: 'string' },
        rounds: { type: 'string' },
        'max-rounds': { type: 'string' },
        time: { type: 'string' },
        threshold: { type: 'string' },
        shard: { type: 'string' },
        explain: { type: 'boolean' },
        'explain-budget': { type: 'string' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CompareError('COMPARE_INVALID_OPTION', (error as Error).message);
  }
  const help = parsed.values.help === true;
  if (help) {
    return {
      base: '',
      projects: [],
      rounds: DEFAULT_ROUNDS,
      maxRounds: DEFAULT_MAX_ROUNDS,
      timeMs: DEFAULT_TIME_MS,
      threshold: DEFAULT_THRESHOLD_PERCENT / 100,
      explain: false,
      explainBudgetS: DEFAULT_EXPLAIN_BUDGET_S,
      failOn: ['time'],
      help,
    };
  }
  const { 'fail-on': failOn, ...cliValues } = parsed.values;
  const checked = CompareCliSchema.safeParse({
    ...cliValues,
    project: cliValues.project ?? [],
  });
  if (!checked.success) {
    throw new CompareError(
      'COMPARE_INVALID_OPTION',
      formatOptionIssue(firstIssue(checked.error), parsed.values, '--'),
    );
  }
  const values = checked.data;
  const rounds = values.rounds ?? DEFAULT_ROUNDS;
  const maxRounds = values['max-rounds'] ?? Math.max(rounds, DEFAULT_MAX_ROUNDS);
  if (maxRounds < rounds) {
    throw new CompareError(
      'COMPARE_INVALID_OPTION',
      `option --max-rounds (${JSON.stringify(String(maxRounds))}) must be at least --rounds (${rounds})`,
    );
  }
  const options: CompareOptions = {
    base: values.base,
    projects: [...new Set(values.project)],
    rounds,
    maxRounds,
    timeMs: values.time ?? DEFAULT_TIME_MS,
    threshold: (values.threshold ?? DEFAULT_THRESHOLD_PERCENT) / 100,
    explain: values.explain === true,
    explainBudgetS: values['explain-budget'] ?? DEFAULT_EXPLAIN_BUDGET_S,
    failOn: parseFailOn(failOn),
    help,
  };
  if (values.head !== undefined) options.head = values.head;
  if (values.filter !== undefined) options.filter = values.filter;
  if (values.shard !== undefined) options.shard = values.shard;
  if (values.json !== undefined) {
    if (options.projects.length > 1) {
      throw new CompareError(
        'COMPARE_INVALID_OPTION',
        `option --json (${JSON.stringify(values.json)}) takes one project, got ${options.projects.length}; reports/compare/<project>.json holds each`,
      );
    }
    options.json = values.json;
  }
  return options;
}
