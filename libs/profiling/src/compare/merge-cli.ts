import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ResultFileError, readCompareDocument } from '../results/result-reader.js';
import { workspaceReportsDir } from '../results/reports-layout.js';
import { firstIssue, formatOptionIssue } from '../results/validation-issue.js';
import { findWorkspaceRoot } from '../runner/workspace-root.js';
import { compareExitCode } from './compare-analysis.js';
import { CompareError } from './compare-error.js';
import { mergeShards, type ShardFile } from './compare-merge.js';
import { parseFailOn } from './compare-options.js';
import { reportComparison } from './compare-report.js';

/** Usage text of `prismq-bench merge`. */
const MERGE_USAGE = `Usage: prismq-bench merge <shard document>... [--json <file>]

Joins the documents of every shard of one comparison (prismq-bench compare --shard i/n, written
to reports/compare/shards/<project>.<i>-of-<n>.json) into the document an unsharded compare
writes, reports/compare/<project>.json (<project>.aa.json for an A/A run): one table, one GitHub
step summary, one exit code.

  --json <file>      also write the merged document there
  --fail-on <what>   which verdicts exit 1: time (default), allocation, or time,allocation

Refused (exit 2): a file that does not exist or is not a compare document, a document written
without --shard, shards of different projects, commits, thresholds, shard counts or case sets,
a shard given twice, two shards sharing a case, and a missing shard. Explanations of the shards'
cases (--explain) are carried over, and the differential flame graphs written again beside the
merged document. Exit code: 0 no case slower, 1 some case slower (or, with --fail-on allocation,
allocating more), 2 a refused merge.`;

const MergeCliSchema = z.object({
  files: z.array(z.string().min(1, 'must not be empty')).min(1, 'must name a shard document'),
  json: z.string().min(1, 'must not be empty').optional(),
});

function readShardFile(cwd: string, file: string): ShardFile {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new CompareError('COMPARE_MERGE_BAD_FILE', `${file} does not exist`);
  if (!statSync(path).isFile())
    throw new CompareError('COMPARE_MERGE_BAD_FILE', `${file} is not a file`);
  try {
    return { file, document: readCompareDocument(path) };
  } catch (error) {
    if (error instanceof ResultFileError)
      throw new CompareError(
        'COMPARE_MERGE_BAD_FILE',
        `${file} is not a compare document: ${error.message.startsWith(error.source) ? error.message.slice(error.source.length + 2) : error.message}`,
      );
    throw error;
  }
}

/**
 * `prismq-bench merge <files…>`: returns the exit code — 0 no case slower, 1 a case slower,
 * 2 a refused merge (printed with its code).
 */
export function mergeMain(
  argv: readonly string[],
  io: {
    cwd: string;
    env: Readonly<Record<string, string | undefined>>;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    colour: boolean;
  },
): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'string' },
          'fail-on': { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (error) {
      throw new CompareError('COMPARE_INVALID_OPTION', (error as Error).message);
    }
    if (parsed.values.help) {
      io.stdout(MERGE_USAGE);
      return 0;
    }
    const input = { files: parsed.positionals, json: parsed.values.json };
    const checked = MergeCliSchema.safeParse(input);
    if (!checked.success)
      throw new CompareError(
        'COMPARE_INVALID_OPTION',
        formatOptionIssue(firstIssue(checked.error), input, '--').replace(
          'option --files',
          'argument <shard document>',
        ),
      );
    const failOn = parseFailOn(parsed.values['fail-on']);
    const shards = checked.data.files.map((file) => readShardFile(io.cwd, file));
    const merged = mergeShards(shards);
    const root = realpathSync(findWorkspaceRoot(resolve(io.cwd)));
    const document = reportComparison(merged, {
      reportsDir: workspaceReportsDir(root),
      ...(checked.data.json !== undefined ? { json: resolve(io.cwd, checked.data.json) } : {}),
      ...io,
    });
    return compareExitCode([document], failOn);
  } catch (error) {
    const code = error instanceof CompareError ? ` [${error.code}]` : '';
    io.stderr(
      `prismq-bench merge${code}: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (error instanceof CompareError && error.code === 'COMPARE_INVALID_OPTION')
      io.stderr(`\n${MERGE_USAGE}`);
    return 2;
  }
}
