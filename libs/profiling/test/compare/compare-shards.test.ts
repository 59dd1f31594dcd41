import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards, type ShardFile } from '../../src/compare/compare-merge.js';
import { parseCompareOptions } from '../../src/compare/compare-options.js';
import { assignShard, caseSetHash } from '../../src/compare/compare-shard.js';
import { readBenchmarkHistory } from '../../src/history/benchmark-history.js';
import type { CompareCase, CompareDocument } from '../../src/results/compare-document-schema.js';
import { readCompareDocument } from '../../src/results/result-reader.js';
import { TEST_ENVIRONMENT } from '../fixtures/test-environment.js';
import {
  compare,
  createRepository,
  FAST,
  LIBRARY,
  prismqBench,
  prismqBenchWith,
} from './compare-repository.js';

describe('--shard i/n', () => {
  const base = ['--base', 'main', '--project', 'demo'];
  it('reads shard i of n', () => {
    expect(parseCompareOptions([...base, '--shard', '2/3']).shard).toEqual({ index: 2, count: 3 });
    expect(parseCompareOptions(base).shard).toBeUndefined();
  });

  it.each([
    ['--shard=0/2', /option --shard \("0\/2"\) must have i from 1 to n/],
    ['--shard=3/2', /option --shard \("3\/2"\) must have i from 1 to n/],
    ['--shard=a/b', /option --shard \("a\/b"\) must be <i>\/<n> with whole numbers/],
    ['--shard=-1/2', /option --shard \("-1\/2"\) must be <i>\/<n> with whole numbers/],
    ['--shard=1.5/2', /option --shard \("1\.5\/2"\) must be <i>\/<n>/],
    ['--shard=1/0', /option --shard \("1\/0"\) must have 1 to 256 shards/],
  ])('refuses %s with COMPARE_INVALID_OPTION naming the flag', (arg, message) => {
    expect(() => parseCompareOptions([...base, arg])).toThrow(
      expect.objectContaining({
        code: 'COMPARE_INVALID_OPTION',
        message: expect.stringMatching(message),
      }),
    );
  });
});

describe('assignShard', () => {
  const ids = ['s/g/e', 's/g/a', 's/g/d', 's/g/b', 's/g/c', 's/g/B'];
  it('deals the ids sorted in code-unit order round-robin, whatever order they come in', () => {
    const shards = [1, 2, 3].map((index) => assignShard(ids, { index, count: 3 }).caseIds);
    // Code-unit order puts "B" before "a" on every machine, whatever its locale.
    expect(shards).toEqual([
      ['s/g/B', 's/g/c'],
      ['s/g/a', 's/g/d'],
      ['s/g/b', 's/g/e'],
    ]);
    expect(assignShard([...ids].reverse(), { index: 2, count: 3 }).caseIds).toEqual(shards[1]);
  });

  it('covers every case exactly once, balanced to one case, with the same case-set hash on each shard', () => {
    for (const count of [1, 2, 4, 7]) {
      const shards = Array.from({ length: count }, (_, k) =>
        assignShard(ids, { index: k + 1, count }),
      );
      const all = shards.flatMap((s) => s.caseIds);
      expect(all.sort()).toEqual([...ids].sort());
      const sizes = shards.map((s) => s.caseIds.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(new Set(shards.map((s) => s.caseSetHash))).toEqual(new Set([caseSetHash(ids)]));
      expect(shards.every((s) => s.caseCount === ids.length)).toBe(true);
    }
  });
});

const commit = (c: string) => c.repeat(40);
const aCase = (id: string, ratio: number): CompareCase => ({
  id,
  ratio,
  low: ratio * 0.99,
  high: ratio * 1.01,
  verdict: ratio > 1.02 ? 'slower' : 'unchanged',
  baseP50: 100,
  headP50: 100 * ratio,
  rounds: 6,
});

function shardDocument(
  index: number,
  count: number,
  cases: CompareCase[],
  change: Partial<CompareDocument> = {},
): ShardFile {
  const all = ['d/w/a', 'd/w/b', 'd/w/c'];
  const assignment = assignShard(all, { index, count });
  return {
    file: `shard-${index}.json`,
    document: {
      schemaVersion: 1,
      project: 'demo',
      createdAt: `2026-01-0${index}T00:00:00.000Z`,
      base: { ref: 'main', commit: commit('a') },
      head: { ref: 'HEAD', commit: commit('b'), dirty: false },
      environment: { ...TEST_ENVIRONMENT, cpuModel: `machine ${index}` },
      method: { name: 'paired', threshold: 0.01, confidence: 0.95 },
      cases: cases.filter((c) => assignment.caseIds.includes(c.id)),
      shard: { index, count, ...assignment, notCompared: [] },
      ...change,
    },
  };
}

describe('mergeShards', () => {
  const cases = [aCase('d/w/a', 1), aCase('d/w/b', 1.5), aCase('d/w/c', 0.9)];
  const two = [shardDocument(1, 2, cases), shardDocument(2, 2, cases)];

  it('joins every shard into one document: all cases slowest first, each shard machine kept', () => {
    const { document } = mergeShards([two[1]!, two[0]!]);
    expect(document.shard).toBeUndefined();
    expect(document.cases.map((c) => c.id)).toEqual(['d/w/b', 'd/w/a', 'd/w/c']);
    expect(document.environment.cpuModel).toBe('machine 1');
    expect(document.createdAt).toBe('2026-01-02T00:00:00.000Z');
    expect(document.shards?.map((s) => [s.index, s.environment.cpuModel])).toEqual([
      [1, 'machine 1'],
      [2, 'machine 2'],
    ]);
  });

  const refused: [string, ShardFile[], string, RegExp][] = [
    [
      'a whole comparison',
      [{ ...two[0]!, document: { ...two[0]!.document, shard: undefined } }],
      'COMPARE_MERGE_NOT_A_SHARD',
      /shard-1\.json is a whole comparison/,
    ],
    [
      'another project',
      [two[0]!, shardDocument(2, 2, cases, { project: 'other' })],
      'COMPARE_MERGE_MISMATCH',
      /project differs/,
    ],
    [
      'another head commit',
      [
        two[0]!,
        shardDocument(2, 2, cases, { head: { ref: 'HEAD', commit: commit('c'), dirty: false } }),
      ],
      'COMPARE_MERGE_MISMATCH',
      /head commit differs/,
    ],
    [
      'another threshold',
      [
        two[0]!,
        shardDocument(2, 2, cases, {
          method: { name: 'paired', threshold: 0.02, confidence: 0.95 },
        }),
      ],
      'COMPARE_MERGE_MISMATCH',
      /threshold differs/,
    ],
    [
      'another shard count',
      [two[0]!, shardDocument(2, 3, cases)],
      'COMPARE_MERGE_MISMATCH',
      /shard count differs/,
    ],
    [
      'a shard twice',
      [two[0]!, two[0]!, two[1]!],
      'COMPARE_MERGE_DUPLICATE_SHARD',
      /both shard 1\/2/,
    ],
    [
      'a missing shard',
      [shardDocument(1, 3, cases), shardDocument(3, 3, cases)],
      'COMPARE_MERGE_MISSING_SHARD',
      /shard 2\/3 missing/,
    ],
    ['no shard at all', [], 'COMPARE_MERGE_MISSING_SHARD', /no shard document/],
  ];
  it.each(refused)('refuses %s', (_, files, code, message) => {
    expect(() => mergeShards(files)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });

  it('refuses shards that share a case, or do not add up to their case set', () => {
    const second = shardDocument(2, 2, cases);
    const overlapping: ShardFile = {
      ...second,
      document: {
        ...second.document,
        shard: { ...second.document.shard!, caseIds: ['d/w/a', 'd/w/b'] },
      },
    };
    expect(() => mergeShards([two[0]!, overlapping])).toThrow(
      expect.objectContaining({
        code: 'COMPARE_MERGE_OVERLAP',
        message: expect.stringMatching(/case d\/w\/a/),
      }),
    );
    const short: ShardFile = {
      ...second,
      document: {
        ...second.document,
        shard: { ...second.document.shard!, caseIds: [] },
        cases: [],
      },
    };
    expect(() => mergeShards([two[0]!, short])).toThrow(
      expect.objectContaining({
        code: 'COMPARE_MERGE_MISMATCH',
        message: expect.stringMatching(/hold 2 cases, but their case set has 3/),
      }),
    );
  });
});

describe('prismq-bench compare --shard and merge (real git repository, real processes)', () => {
  let repo: string;
  beforeAll(() => {
    repo = createRepository();
    writeFileSync(join(repo, 'libs', 'work', 'index.js'), LIBRARY(60000));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  // Up to 4 extra rounds for a case that a busy machine left with too few clean rounds.
  const againstHead = ['--base', 'HEAD', '--project', 'demo', ...FAST, '--max-rounds', '10'];
  const shardPath = (i: number, n: number) =>
    join(repo, 'reports', 'compare', 'shards', `demo.${i}-of-${n}.json`);

  it('measures each case in exactly one shard, and merge gives the cases and verdicts of an unsharded run', () => {
    const whole = compare(repo, ...againstHead);
    expect(whole.status, whole.stderr).toBe(1);
    const unsharded = readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'));
    const historyLines = readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl'))
      .entries.length;

    for (const i of [1, 2]) {
      const result = compare(repo, ...againstHead, '--shard', `${i}/2`);
      expect([0, 1], result.stderr).toContain(result.status);
      expect(result.stderr).toMatch(new RegExp(`shard ${i}/2 holds 1 of 2 cases`));
    }
    const shards = [1, 2].map((i) => readCompareDocument(shardPath(i, 2)));
    expect(shards.map((s) => s.shard?.caseIds)).toEqual([
      ['demo/work/planted'],
      ['demo/work/steady'],
    ]);
    expect(shards.map((s) => s.cases.map((c) => c.id))).toEqual([
      ['demo/work/planted'],
      ['demo/work/steady'],
    ]);
    // Shards join no history: the merge adds the comparison once.
    expect(
      readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl')).entries,
    ).toHaveLength(historyLines);

    const merged = prismqBench(repo, 'merge', shardPath(2, 2), shardPath(1, 2));
    expect(merged.status, merged.stderr).toBe(1);
    expect(merged.stdout).toMatch(/demo\/work\/planted .* slower/);
    const document = readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'));
    expect(document.shard).toBeUndefined();
    expect(document.shards?.map((s) => s.index)).toEqual([1, 2]);
    const structure = (d: CompareDocument) => ({
      project: d.project,
      base: d.base,
      head: d.head,
      method: d.method,
      ids: d.cases.map((c) => c.id).sort(),
      planted: d.cases.find((c) => c.id === 'demo/work/planted')?.verdict,
      keys: d.cases.map((c) => Object.keys(c).sort()),
    });
    expect(structure(document)).toEqual(structure(unsharded));
    expect(
      readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl')).entries,
    ).toHaveLength(historyLines + 2);

    // In GitHub Actions the merge writes the one step summary and the annotations.
    const summary = join(repo, 'out', 'summary.md');
    mkdirSync(dirname(summary), { recursive: true });
    writeFileSync(summary, '');
    const github = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const again = prismqBenchWith(github, repo, 'merge', shardPath(1, 2), shardPath(2, 2));
    expect(again.status, again.stderr).toBe(1);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.match(/### Benchmark comparison/g)).toHaveLength(1);
    expect(markdown).toMatch(/demo\/work\/planted .*🔴 slower/);
    expect(markdown).toMatch(/demo\/work\/steady/);
    expect(again.stdout).toMatch(/^::error title=Benchmark slower%3A demo\/work\/planted::/m);
  }, 600_000);

  it('writes an empty shard document when the shard holds no case, and exits 0', () => {
    // A shard leaves GitHub's step summary to the merge.
    const summary = join(repo, 'out', 'shard-summary.md');
    mkdirSync(dirname(summary), { recursive: true });
    writeFileSync(summary, '');
    const result = prismqBenchWith(
      { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
      repo,
      'compare',
      ...againstHead,
      '--shard',
      '3/3',
    );
    expect(readFileSync(summary, 'utf8')).toBe('');
    expect(result.status, result.stderr).toBe(0);
    const document = readCompareDocument(shardPath(3, 3));
    expect(document.shard).toMatchObject({ index: 3, count: 3, caseIds: [], caseCount: 2 });
    expect(document.cases).toEqual([]);
    expect(result.stderr).not.toMatch(/round 1\//);
  }, 240_000);

  it('refuses paths that do not exist or are not compare documents, with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismq-merge-'));
    try {
      writeFileSync(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
      const missing = prismqBench(repo, 'merge', join(dir, 'nope.json'));
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/COMPARE_MERGE_BAD_FILE.*nope\.json does not exist/);
      const foreign = prismqBench(repo, 'merge', join(dir, 'other.json'));
      expect(foreign.status).toBe(2);
      expect(foreign.stderr).toMatch(
        /COMPARE_MERGE_BAD_FILE.*other\.json is not a compare document/,
      );
      const help = prismqBench(repo, 'merge', '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Usage: prismq-bench merge <shard document>...');
      const none = prismqBench(repo, 'merge');
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/COMPARE_INVALID_OPTION.*must name a shard document/);
      expect(readdirSync(dir)).toEqual(['other.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
