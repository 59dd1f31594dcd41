import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBenchmarkHistory } from '../../src/history/benchmark-history.js';
import { readCompareDocument } from '../../src/results/result-reader.js';
import { compare, createRepository, FAST, git, LIBRARY } from './compare-repository.js';

describe('prismq-bench compare (real git repository, real processes)', () => {
  let repo: string;
  let commitA: string;
  beforeAll(() => {
    repo = createRepository();
    commitA = git(repo, 'rev-parse', 'HEAD').trim();
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('finds a planted 3× slowdown in the working tree, exits 1 and leaves the tree as it was', () => {
    writeFileSync(join(repo, 'libs', 'work', 'index.js'), LIBRARY(60000));
    const statusBefore = git(repo, 'status', '--porcelain');

    const result = compare(
      repo,
      '--base',
      'HEAD',
      '--project',
      'demo',
      '--json',
      'out/compare.json',
      ...FAST,
    );
    expect(result.status, result.stderr).toBe(1);

    const document = readCompareDocument(join(repo, 'out', 'compare.json'));
    expect(readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'))).toEqual(document);
    expect(document.project).toBe('demo');
    expect(document.base).toEqual({ ref: 'HEAD', commit: commitA });
    expect(document.head).toMatchObject({ commit: commitA, dirty: true });
    expect(document.method.threshold).toBe(0.01);
    const planted = document.cases.find((c) => c.id === 'demo/work/planted');
    expect(planted?.verdict).toBe('slower');
    expect(planted?.ratio).toBeGreaterThan(2);
    expect(planted?.low).toBeLessThanOrEqual(planted!.ratio);
    expect(planted?.rounds).toBe(6);
    expect(document.cases.map((c) => c.id).sort()).toEqual([
      'demo/work/planted',
      'demo/work/steady',
    ]);
    // Sorted by ratio, the slowdown first; the table names it.
    expect(document.cases[0]?.id).toBe('demo/work/planted');
    expect(result.stdout).toMatch(/demo\/work\/planted .* slower/);
    expect(result.stderr).toMatch(/round 6\/6/);

    // The head side joins the history, carrying its verdict and the base commit.
    const history = readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl'));
    const point = history.entries.find((entry) => entry.id === 'demo/work/planted');
    expect(point).toMatchObject({ source: 'compare', verdict: 'slower', baseCommit: commitA });
    expect(point?.p50).toBeCloseTo(planted!.headP50, 6);

    expect(git(repo, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 240_000);

  it('calls the reverse comparison of two commits faster (exit 0), by the Nx project name', () => {
    git(repo, 'commit', '-qam', 'B: three times the work');
    const result = compare(
      repo,
      '--base',
      'HEAD',
      '--head',
      'HEAD~1',
      '--project',
      'demo-bench',
      '--filter',
      'planted',
      ...FAST,
    );
    expect(result.status, result.stderr).toBe(0);
    const document = readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'));
    expect(document.head).toEqual({ ref: 'HEAD~1', commit: commitA, dirty: false });
    expect(document.cases.map((c) => [c.id, c.verdict])).toEqual([['demo/work/planted', 'faster']]);
    expect(document.cases[0]!.ratio).toBeLessThan(0.5);
  }, 240_000);

  it('writes an A/A comparison of one clean commit to <project>.aa.json', () => {
    const historyBefore = readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl'))
      .entries.length;
    const result = compare(
      repo,
      '--base',
      'HEAD',
      '--head',
      'HEAD',
      '--project',
      'demo',
      '--filter',
      'steady',
      ...FAST,
    );
    expect([0, 1]).toContain(result.status);
    const document = readCompareDocument(join(repo, 'reports', 'compare', 'demo.aa.json'));
    expect(document.base.commit).toBe(document.head.commit);
    expect(document.cases.map((c) => c.id)).toEqual(['demo/work/steady']);
    // An A/A run measures the machine, not the code: it adds nothing to the history.
    const history = readBenchmarkHistory(join(repo, 'reports', 'history', 'demo.jsonl'));
    expect(history.entries).toHaveLength(historyBefore);
  }, 240_000);

  it.each([
    [['--base', 'no-such-ref', '--project', 'demo'], /COMPARE_BAD_REF.*--base.*no-such-ref/],
    [
      ['--base', 'HEAD', '--project', 'nope'],
      /COMPARE_UNKNOWN_PROJECT.*"nope".*demo \(demo-bench\)/,
    ],
    [['--base', '--upload-pack=x', '--project', 'demo'], /COMPARE_INVALID_OPTION/],
    [['--project', 'demo'], /option --base is required/],
    [
      ['--base', 'HEAD', '--project', 'demo', '--rounds', '3'],
      /--rounds \("3"\) must be at least 6/,
    ],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const result = compare(repo, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 when the filter matches no case', () => {
    const result = compare(
      repo,
      '--base',
      'HEAD',
      '--project',
      'demo',
      '--filter',
      '^nothing$',
      ...FAST,
    );
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/COMPARE_FILTER_NO_MATCH.*\^nothing\$/);
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('prints its usage for --help and exits 0', () => {
    const result = compare(repo, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: prismq-bench compare --base <git-ref>');
    expect(existsSync(join(repo, 'reports', 'compare', 'missing.json'))).toBe(false);
  });
});

describe('compare document on disk', () => {
  it('is readable by readCompareDocument only when valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismq-compare-doc-'));
    try {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, project: 'x' }));
      expect(() => readCompareDocument(join(dir, 'bad.json'))).toThrow(/bad\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
