import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatValidationIssue } from '@prismq/cli-kit';

/** What `prismq-score` was asked to do. */
export interface ScoreCliOptions {
  /** JSON-lines file to read; stdin when absent. */
  input?: string;
  /** File to write; stdout when absent. */
  output?: string;
  /** Stop at the first malformed line instead of reporting and skipping it. */
  strict: boolean;
  help: boolean;
  version: boolean;
}

/** A command line `prismq-score` cannot run: an unknown option, a missing value, a stray argument. */
export class ScoringCliUsageError extends Error {
  /** Always `CLI_USAGE`. */
  readonly code = 'CLI_USAGE' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ScoringCliUsageError';
  }
}

/** Text printed by `prismq-score --help`. */
export const SCORE_CLI_USAGE = `Usage: prismq-score [--input FILE] [--output FILE] [--strict]

Scores ideas given as JSON lines (one object per line, with title, description,
textContent or text_content or content, and metadata).

  --input FILE    read records from FILE (default: stdin)
  --output FILE   write results to FILE (default: stdout)
  --strict        stop at the first malformed line (exit 1); without it such a line is
                  reported on stderr with its number and skipped
  --version       print the version
  --help          show this text

Each output line is {"line": N, "record": {...}, "scoreBreakdown": {...}}, N being the
input line number. stderr carries "::progress processed=N total=M" (total only with
--input) and "prismq-score: warning: line N: <field>: <problem>; line skipped".
Exit codes: 0 done, 1 stopped on a malformed line (--strict) or an I/O failure, 2 bad usage.`;

const OptionsSchema = z.object({
  input: z.string().min(1, '--input needs a file name').optional(),
  output: z.string().min(1, '--output needs a file name').optional(),
  strict: z.boolean().default(false),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});

/**
 * Reads `prismq-score`'s arguments (without the node and script paths).
 * @throws {@link ScoringCliUsageError} for unknown options, missing values and positional arguments.
 */
export function parseScoreCliOptions(argv: readonly string[]): ScoreCliOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new ScoringCliUsageError(
      // One line, so that every stderr line carries the command's prefix.
      (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '),
    );
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success)
    throw new ScoringCliUsageError(
      parsed.error.issues.map((issue) => formatValidationIssue(issue, 'record')).join('; '),
    );
  return parsed.data;
}
