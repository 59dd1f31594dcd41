import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CliUsageError } from './classification-error.js';

/** Options of `prismq-classify`, validated. */
export const CliOptionsSchema = z.object({
  help: z.boolean(),
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
{"line": N, "record": {...}, "enrichment": {...}} to stdout: category, story verdict,
field scores, combined score, flags and tags. Progress goes to stderr as
"::progress processed=N total=M".

Options:
  --input FILE      read records from FILE instead of stdin
  --strict          stop at the first malformed line (exit code 1)
  --threshold N     story threshold between 0 and 1 (default 0.3)
  --tables FILE     custom keyword tables (JSON, same shape as the defaults)
  -h, --help        show this help

Malformed lines (bad JSON, not an object, wrongly typed fields) are reported on stderr with
their line number and skipped. Exit codes: 0 done, 1 stopped by --strict or unreadable
input, 2 bad command line.
`;

/** Parses `argv` (without node and script); throws {@link CliUsageError} naming the problem. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        input: { type: 'string' },
        strict: { type: 'boolean', default: false },
        threshold: { type: 'string' },
        tables: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = CliOptionsSchema.safeParse(values);
  if (!parsed.success)
    throw new CliUsageError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  return parsed.data;
}
