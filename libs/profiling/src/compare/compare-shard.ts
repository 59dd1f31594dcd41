import { createHash } from 'node:crypto';

/** One part of a sharded comparison: shard `index` of `count`, from 1. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The cases of a comparison dealt to one shard. */
export interface ShardAssignment {
  /** The shard's case ids, in sorted order. */
  caseIds: string[];
  /** How many cases all shards together hold. */
  caseCount: number;
  /** SHA-256 (hex) of all cases' ids, sorted, one per line: equal on every shard of one comparison. */
  caseSetHash: string;
}

// Code-unit order, not localeCompare: the order must not depend on the machine's locale.
function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256 (hex) of a set of case ids, sorted, one per line. */
export function caseSetHash(ids: Iterable<string>): string {
  return createHash('sha256').update(sortedIds(ids).join('\n')).digest('hex');
}

/**
 * Deals a comparison's cases to shard `index` of `count`: the ids sorted in code-unit order,
 * the `k`-th (from 0) to shard `k mod count + 1`. The case is the unit — its base and head are
 * measured together on one machine — and the assignment depends only on the ids, not on the
 * machine, the order the bench files registered them, or the other shards; round-robin over the
 * sorted ids keeps small suites balanced (shards differ by at most one case), which a hash of the
 * id would not.
 */
export function assignShard(ids: Iterable<string>, shard: ShardSpec): ShardAssignment {
  const all = sortedIds(ids);
  return {
    caseIds: all.filter((_, k) => k % shard.count === shard.index - 1),
    caseCount: all.length,
    caseSetHash: caseSetHash(all),
  };
}
