import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BenchmarkRunnerError } from './benchmark-runner-error.js';
import { firstIssue, formatOptionIssue } from '../results/validation-issue.js';

/** Parsed command line of `prismq-bench`. */
export interface CliOptions {
  project: string;
  quick: boolean;
  filter?: string;
  outDir?: string;
  files: string[];
  help: boolean;
}

/** Usage text of `prismq-bench`. */
export const USAGE = `Usage: prismq-bench --project <name> [--quick] [--filter <regex>] [--out-dir <dir>] [files/globs...]

Runs the project's mitata bench files (default src/**/*.bench.{ts,mts,js,mjs}) and writes
<out-dir>/<project>/<timestamp>.json and latest.json (default out-dir: reports/benchmarks
at the workspace root, or PRISMQ_BENCH_DIR). PRISMQ_BENCH_QUICK=1 is the same as --quick.

       prismq-bench compare --base <git-ref> [--head <git-ref>] --project <name> ...
Compares two versions in paired rounds (prismq-bench compare --help).`;

const CliSchema = z.object({
  project: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  quick: z.boolean(),
  filter: z.string().min(1, 'must not be empty').optional(),
  'out-dir': z.string().min(1, 'must not be empty').optional(),
  help: z.boolean(),
});

/**
 * Reads `prismq-bench` arguments. `env` supplies `PRISMQ_BENCH_QUICK`.
 * @throws {@link BenchmarkRunnerError} `BENCH_INVALID_OPTION` naming the option
 */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: 'string', short: 'p' },
        quick: { type: 'boolean', short: 'q', default: false },
        filter: { type: 'string', short: 'f' },
        'out-dir': { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new BenchmarkRunnerError('BENCH_INVALID_OPTION', (error as Error).message);
  }
  if (parsed.values.help) return { project: '', quick: false, files: [], help: true };
  const checked = CliSchema.safeParse(parsed.values);
  if (!checked.success) {
    throw new BenchmarkRunnerError(
      'BENCH_INVALID_OPTION',
      formatOptionIssue(firstIssue(checked.error), parsed.values, '--'),
    );
  }
  const values = checked.data;
  const options: CliOptions = {
    project: values.project,
    quick: values.quick || env['PRISMQ_BENCH_QUICK'] === '1',
    files: parsed.positionals,
    help: false,
  };
  if (values.filter !== undefined) options.filter = values.filter;
  if (values['out-dir'] !== undefined) options.outDir = values['out-dir'];
  return options;
}
