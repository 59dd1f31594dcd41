import { appendFileSync, existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  appendBenchmarkHistory,
  historyEntriesOfComparison,
} from '../history/benchmark-history.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import type { CompareDocument } from '../results/compare-document-schema.js';
import {
  compareDocumentPath,
  comparePagePath,
  historyPath,
  shardDocumentPath,
} from '../results/reports-layout.js';
import { compareKind, type ProjectAnalysis } from './compare-analysis.js';
import { CompareError } from './compare-error.js';
import { renderComparePage } from './compare-page.js';
import {
  formatCompareMarkdown,
  formatCompareTable,
  githubAnnotations,
  githubWarning,
} from './compare-table.js';

/** Where a comparison's results go and where its messages are shown. */
export interface ReportTarget {
  /** The reports folder (absolute): the document goes to its `compare/`, history to `history/`. */
  reportsDir: string;
  /** Another file (absolute) to write the document to as well. */
  json?: string;
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour the table. */
  colour: boolean;
}

/**
 * Reports one project's comparison: names the cases left out (on stderr, and as GitHub
 * warnings), writes the document atomically to its place in the reports folder (and to
 * `target.json`) with its HTML report page beside it, appends the head's points to the history unless it is an A/A run, prints the
 * table and, in GitHub Actions, appends the step summary and prints an error annotation per
 * slower case. A shard's document (`document.shard`) goes to the shards folder, joins no history
 * and tells GitHub nothing: `prismq-bench merge` does all that once for the whole comparison.
 * @throws {@link CompareError} `COMPARE_MEASURE_FAILED` when no case could be compared
 */
export function reportComparison(analysis: ProjectAnalysis, target: ReportTarget): CompareDocument {
  const { document, notCompared } = analysis;
  const { project, shard } = document;
  const github = target.env['GITHUB_ACTIONS'] === 'true' && !shard;
  for (const { id, why } of notCompared) {
    target.stderr(`compare ${project}: ${id} ${why}`);
    if (github) target.stdout(githubWarning(project, id, why));
  }
  // A shard may hold no case, or only cases that failed: whether the comparison as a whole
  // measured anything is for the merge to say.
  if (document.cases.length === 0 && !shard)
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `no case of ${project} could be measured on both sides`,
    );

  const text = `${JSON.stringify(document, null, 2)}\n`;
  const kind = compareKind(document);
  const reportPath = shard
    ? shardDocumentPath(target.reportsDir, project, shard.index, shard.count)
    : compareDocumentPath(target.reportsDir, project, kind);
  writeFileAtomic(reportPath, text);
  // The page is written for the whole comparison: a merge writes it from all shards' cases.
  if (!shard)
    writeFileAtomic(comparePagePath(target.reportsDir, project, kind), renderComparePage(document));
  // A comparison is a point of the head's history too, carrying its verdict; an A/A run
  // measures noise, not the code, so it stays out.
  if (kind !== 'aa' && !shard)
    appendBenchmarkHistory(
      historyPath(target.reportsDir, project),
      historyEntriesOfComparison(document),
    );
  if (target.json !== undefined) writeFileAtomic(target.json, text);
  target.stdout(`${formatCompareTable(document, target.colour)}\n`);
  target.stderr(`compare ${project}: written to ${relative(target.cwd, reportPath) || reportPath}`);
  if (github) reportToGithub(document, target);
  return document;
}

function reportToGithub(document: CompareDocument, target: ReportTarget): void {
  const summary = target.env['GITHUB_STEP_SUMMARY'];
  if (summary && existsSync(resolve(summary, '..')))
    appendFileSync(summary, `${formatCompareMarkdown(document)}\n`);
  for (const line of githubAnnotations(document)) target.stdout(line);
}
