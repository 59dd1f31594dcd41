import type { CompareDocument, CompareShard } from '../results/compare-document-schema.js';
import { slowestFirst } from './case-comparison.js';
import type { ProjectAnalysis } from './compare-analysis.js';
import { CompareError } from './compare-error.js';
import { caseSetHash } from './compare-shard.js';

/** A shard document and the file it was read from (named in errors). */
export interface ShardFile {
  file: string;
  document: CompareDocument;
}

type Sharded = ShardFile & { shard: CompareShard };

// What every shard of one comparison must agree on, and how an error names it.
const AGREEING: readonly [string, (document: CompareDocument) => unknown][] = [
  ['project', (d) => d.project],
  ['base commit', (d) => d.base.commit],
  ['head commit', (d) => d.head.commit],
  ['head working-tree changes', (d) => d.head.dirty],
  ['method', (d) => d.method.name],
  ['threshold', (d) => d.method.threshold],
  ['confidence', (d) => d.method.confidence],
  ['shard count', (d) => d.shard?.count],
  ['case set', (d) => d.shard?.caseSetHash],
];

function checkAgreement(shards: readonly Sharded[]): void {
  const [first] = shards;
  for (const [what, read] of AGREEING) {
    const other = shards.find((s) => read(s.document) !== read(first!.document));
    if (other)
      throw new CompareError(
        'COMPARE_MERGE_MISMATCH',
        `${other.file} and ${first!.file} are not shards of one comparison: their ${what} differs (${JSON.stringify(read(other.document))} against ${JSON.stringify(read(first!.document))})`,
      );
  }
}

function checkCoverage(shards: readonly Sharded[]): void {
  const count = shards[0]!.shard.count;
  const byIndex = new Map<number, string>();
  const owner = new Map<string, string>();
  for (const { file, shard, document } of shards) {
    const seen = byIndex.get(shard.index);
    if (seen)
      throw new CompareError(
        'COMPARE_MERGE_DUPLICATE_SHARD',
        `${file} and ${seen} are both shard ${shard.index}/${count}`,
      );
    byIndex.set(shard.index, file);
    for (const id of shard.caseIds) {
      const other = owner.get(id);
      if (other)
        throw new CompareError(
          'COMPARE_MERGE_OVERLAP',
          `case ${id} is in ${file} and in ${other}: shards must not share a case`,
        );
      owner.set(id, file);
    }
    const foreign = document.cases.find((c) => !shard.caseIds.includes(c.id));
    if (foreign)
      throw new CompareError(
        'COMPARE_MERGE_BAD_FILE',
        `${file} holds case ${foreign.id}, which is not among the cases dealt to its shard`,
      );
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new CompareError(
      'COMPARE_MERGE_MISSING_SHARD',
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs every shard, or its cases would pass unmeasured`,
    );
  const { caseCount, caseSetHash: expected } = shards[0]!.shard;
  if (owner.size !== caseCount || caseSetHash(owner.keys()) !== expected)
    throw new CompareError(
      'COMPARE_MERGE_MISMATCH',
      `the shards hold ${owner.size} cases, but their case set has ${caseCount}: the shard documents were not written for one case set`,
    );
}

/**
 * Joins the documents of every shard of one comparison into the document an unsharded run would
 * have written: all cases, slowest first; the sides, method and first shard's machine, the
 * newest shard's time, and each shard's machine and time under `shards`. Pure.
 * @throws {@link CompareError} `COMPARE_MERGE_NOT_A_SHARD` for a document written without
 *   `--shard`; `COMPARE_MERGE_MISMATCH` for shards of different projects, commits, thresholds,
 *   shard counts or case sets; `COMPARE_MERGE_DUPLICATE_SHARD`, `COMPARE_MERGE_OVERLAP` and
 *   `COMPARE_MERGE_MISSING_SHARD` when the shards are not each present exactly once
 */
export function mergeShards(files: readonly ShardFile[]): ProjectAnalysis {
  const shards = files.map((entry): Sharded => {
    const { shard } = entry.document;
    if (!shard)
      throw new CompareError(
        'COMPARE_MERGE_NOT_A_SHARD',
        `${entry.file} is a whole comparison (written without --shard); merge joins shard documents (reports/compare/shards/*.json)`,
      );
    return { ...entry, shard };
  });
  if (shards.length === 0)
    throw new CompareError('COMPARE_MERGE_MISSING_SHARD', 'no shard document to merge');
  checkAgreement(shards);
  checkCoverage(shards);
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const first = ordered[0]!.document;
  const { shard: _shard, shards: _shards, ...common } = first;
  const document: CompareDocument = {
    ...common,
    createdAt: ordered
      .map((s) => s.document.createdAt)
      .reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    cases: ordered.flatMap((s) => s.document.cases).sort(slowestFirst),
    shards: ordered.map(({ shard, document: d }) => ({
      index: shard.index,
      createdAt: d.createdAt,
      environment: d.environment,
    })),
  };
  return { document, notCompared: ordered.flatMap((s) => s.shard.notCompared) };
}
