import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSetHash } from '../../src/compare/compare-shard.js';
import type { CompareDocument } from '../../src/results/compare-document-schema.js';
import { readCompareDocument } from '../../src/results/result-reader.js';
import { compare, FAST, git, prismqBench, prismqBenchWith } from './compare-repository.js';
import { createBuiltRepository, librarySource, plantedRange } from './explain-repository.js';

const LIBRARY_FILE = 'libs/work/src/index.ts';
/** The two commits of the repository, base first. */
const SIDES = ['--base', 'HEAD~1', '--head', 'HEAD', '--project', 'demo'];

describe('prismq-bench compare --explain (real git repository, real builds, real profiles)', () => {
  let repo: string;
  let document: CompareDocument;
  let run: ReturnType<typeof compare>;
  let summary: string;
  const headSource = librarySource(true, 3);
  const planted = plantedRange(headSource);

  beforeAll(() => {
    repo = createBuiltRepository();
    // B: extra work planted in `planted`, and `allocate` building three arrays instead of one.
    writeFileSync(join(repo, LIBRARY_FILE), headSource);
    git(repo, 'commit', '-qam', 'B');
    summary = join(repo, 'out', 'summary.md');
    mkdirSync(join(repo, 'out'), { recursive: true });
    writeFileSync(summary, '');
    // A 5 % threshold: the extra arrays cost `allocate` about 2 % of its time, which must not
    // count as a change of time while its allocation triples.
    run = prismqBenchWith(
      { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
      repo,
      'compare',
      ...SIDES,
      '--explain',
      '--threshold',
      '5',
      ...FAST,
    );
    document = readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'));
  }, 240_000);
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const caseOf = (id: string) => document.cases.find((c) => c.id === `demo/work/${id}`)!;

  it('calls the planted case slower and names the planted lines of its function as the top grown frame', () => {
    expect(run.status, run.stderr).toBe(1);
    const slower = caseOf('planted');
    expect(slower.verdict).toBe('slower');
    const top = slower.explanation!.frames[0]!;
    expect(top).toMatchObject({ functionName: 'planted', change: 'grew', mapping: 'mapped' });
    const [file, line] = top.location.split(':');
    expect(file).toBe(LIBRARY_FILE);
    expect(Number(line)).toBeGreaterThanOrEqual(planted.first);
    expect(Number(line)).toBeLessThanOrEqual(planted.last);
    expect(top.functionLocation).toMatch(/^libs\/work\/src\/index\.ts:\d+$/);
    expect(top.deltaNs).toBeGreaterThan(0);
    expect(top.head.share).toBeGreaterThan(top.base.share);
    expect(slower.explanation!.samples.head).toBeGreaterThan(500);
  });

  it('lists no frame above noise for a case whose code did not change', () => {
    const untouched = caseOf('steady');
    expect(untouched.verdict).toBe('unchanged');
    expect(untouched.explanation?.frames).toEqual([]);
    expect(untouched.allocation?.verdict).toBe('unchanged');
  });

  it('catches a case that allocates 3× more while its time does not move', () => {
    const allocating = caseOf('allocate');
    expect(allocating.verdict).toBe('unchanged');
    expect(allocating.allocation).toMatchObject({ verdict: 'more' });
    expect(allocating.allocation!.ratio).toBeGreaterThan(2.5);
    expect(allocating.allocation!.ratio).toBeLessThan(3.5);
    expect(allocating.allocation!.low).toBeGreaterThan(1.05);
    // A case that allocates nothing shows (close to) nothing, not the measuring loop's bytes.
    expect(caseOf('steady').allocation!.baseBytes).toBeLessThan(64);
    expect(run.stdout).toMatch(/demo\/work\/allocate .* unchanged .* more/);
    expect(run.stdout).toMatch(/::warning title=Benchmark allocates more%3A demo\/work\/allocate/);
  });

  it('lists the top grown frames of the slower case with file:line in the step summary', () => {
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('**demo/work/planted** grew most in:');
    expect(markdown).toMatch(/1\. `planted` at `libs\/work\/src\/index\.ts:\d+`/);
    expect(markdown).toContain('🟠 more');
    // Only slower cases are listed there.
    expect(markdown).not.toContain('**demo/work/steady**');
  });

  it('writes a report page with a differential flame graph of the head, coloured against the base', () => {
    const page = readFileSync(join(repo, 'reports', 'compare', 'demo.html'), 'utf8');
    const section = page.slice(page.indexOf('data-case="demo/work/planted"'));
    expect(section).toContain('<svg');
    const frame = section.match(/<g class="frame" data-name="planted"[^>]*>.*?<\/g>/s)?.[0];
    expect(frame).toBeDefined();
    // Red: planted's own time grew.
    expect(frame).toMatch(/fill="hsl\(0,85%,\d+%\)"/);
    expect(frame).toContain(LIBRARY_FILE);
  });

  it('fails on allocation only when asked to', () => {
    const only = [...SIDES, '--filter', 'allocate'];
    const quiet = ['--threshold', '5', '--explain-budget', '0', ...FAST];
    // Time alone would pass (exit 0): the case is not slower.
    const failing = compare(repo, ...only, ...quiet, '--fail-on', 'time,allocation');
    expect(failing.status, failing.stderr).toBe(1);
    expect(failing.stderr).not.toMatch(/profiling/);
    expect(readCompareDocument(join(repo, 'reports', 'compare', 'demo.json')).cases).toEqual([
      expect.objectContaining({
        verdict: 'unchanged',
        allocation: expect.objectContaining({ verdict: 'more' }),
      }),
    ]);
    const bad = compare(repo, ...only, '--fail-on', 'memory');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/option --fail-on \("memory"\) must be time, allocation/);
  }, 240_000);

  it('carries explanations and allocation through prismq-bench merge', () => {
    const ids = document.cases.map((c) => c.id).sort();
    const shardDir = join(repo, 'reports', 'compare', 'shards');
    mkdirSync(shardDir, { recursive: true });
    const files = [1, 2].map((index) => {
      const caseIds = ids.filter((_, i) => i % 2 === index - 1);
      const shard: CompareDocument = {
        ...document,
        cases: document.cases.filter((c) => caseIds.includes(c.id)),
        shard: {
          index,
          count: 2,
          caseIds,
          caseCount: ids.length,
          caseSetHash: caseSetHash(ids),
          notCompared: [],
        },
      };
      const file = join(shardDir, `demo.${index}-of-2.json`);
      writeFileSync(file, JSON.stringify(shard));
      return file;
    });
    rmSync(join(repo, 'reports', 'compare', 'demo.html'));
    const merged = prismqBench(repo, 'merge', ...files, '--fail-on', 'allocation');
    expect(merged.status, merged.stderr).toBe(1);
    const result = readCompareDocument(join(repo, 'reports', 'compare', 'demo.json'));
    expect(result.cases).toEqual(document.cases);
    expect(existsSync(join(repo, 'reports', 'compare', 'demo.html'))).toBe(true);
  });
});
