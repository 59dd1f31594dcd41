import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatValidationIssue } from '@prismq/cli-kit';

/** The command line of `prismq-classify` is wrong (unknown flag, bad value, unusable tables). */
export class ClassificationCliUsageError extends Error {
  /** Always `CLI_USAGE`. */
  readonly code = 'CLI_USAGE' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ClassificationCliUsageError';
  }
}

/** Options of `prismq-classify`, validated. */
const CliOptionsSchema = z.object({
  help: z.boolean(),
  version: z.boolean(),
  /** JSON-lines file to read instead of stdin. */
  input: z.string().min(1, '--input needs a file path').optional(),
  /** Stop at the first malformed line (exit 1) instead of reporting it and going on. */
  strict: z.boolean(),
  /** Story threshold. */
  threshold: z.coerce
    .number()
    .min(0, '--threshold must be ≥ 0')
    .max(1, '--threshold must be ≤ 1')
    .optional(),
  /** JSON file with custom keyword tables. */
  tables: z.string().min(1, '--tables needs a file path').optional(),
});
/** Options of `prismq-classify`, validated. */
export type CliOptions = z.infer<typeof CliOptionsSchema>;

/** Usage text printed by `--help`. */
export const CLI_HELP = `Usage: prismq-classify [--input FILE] [--strict] [--threshold N] [--tables FILE]

Reads JSON-lines records (one object per line: title, description, tags, subtitle_text,
transcription, body…) from --input or stdin and writes, one JSON line per record,
{"line": N, "record": {...}, "enrichment": {...}} to stdout, N being the input line number:
category, story verdict, field scores, combined score, flags and tags.

Options:
  --input FILE      read records from FILE instead of stdin
  --strict          stop at the first malformed line (exit code 1)
  --threshold N     story threshold between 0 and 1 (default 0.3)
  --tables FILE     custom keyword tables (JSON, same shape as the defaults)
  --version         print the version
  -h, --help        show this help

stderr carries "::progress processed=N total=M" (total only with --input) and, for a
malformed line, "prismq-classify: warning: line N: <field>: <problem>; line skipped".
Exit codes: 0 done, 1 stopped by --strict or unreadable input, 2 bad command line or tables.`;

/** Parses `argv` (without node and script); throws {@link ClassificationCliUsageError} naming the problem. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        input: { type: 'string' },
        strict: { type: 'boolean', default: false },
        threshold: { type: 'string' },
        tables: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new ClassificationCliUsageError(
      // One line, so that every stderr line carries the command's prefix.
      (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '),
    );
  }
  const parsed = CliOptionsSchema.safeParse(values);
  if (!parsed.success)
    throw new ClassificationCliUsageError(
      parsed.error.issues.map((issue) => formatValidationIssue(issue)).join('; '),
    );
  return parsed.data;
}
