import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/results/atomic-write.js';
import { parseCliOptions } from '../../src/runner/cli-options.js';
import { collectEnvironment, type GitRunner } from '../../src/results/environment.js';
import { fileTimestamp } from '../../src/results/file-timestamp.js';
import { BenchmarkEnvironmentSchema } from '../../src/results/result-schema.js';
import { thinSamples } from '../../src/runner/sample-statistics.js';
import { findWorkspaceRoot } from '../../src/runner/workspace-root.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';
import { runBenchmarks } from '../../src/runner/benchmark-runner.js';

describe('parseCliOptions', () => {
  it('reads every option and the files', () => {
    expect(
      parseCliOptions(
        ['--project', 'scoring', '--quick', '--filter', 'text', '--out-dir', 'o', 'a.bench.ts'],
        {},
      ),
    ).toEqual({
      project: 'scoring',
      quick: true,
      filter: 'text',
      outDir: 'o',
      files: ['a.bench.ts'],
      help: false,
    });
  });

  it('takes quick mode from PRISMQ_BENCH_QUICK=1', () => {
    expect(parseCliOptions(['--project', 'x'], { PRISMQ_BENCH_QUICK: '1' }).quick).toBe(true);
    expect(parseCliOptions(['--project', 'x'], { PRISMQ_BENCH_QUICK: '0' }).quick).toBe(false);
  });

  it('names the option at fault', () => {
    expect(() => parseCliOptions([], {})).toThrow(/--project is required/);
    expect(() => parseCliOptions(['--project', 'x', '--filter', ''], {})).toThrow(
      /--filter \(""\) must not be empty/,
    );
    expect(() => parseCliOptions(['--project', 'x', '--speed'], {})).toThrow(/--speed/);
  });
});

describe('runBenchmarks options', () => {
  it('names the option, the value given and the rule before touching any file', async () => {
    await expect(runBenchmarks({ project: 'Bad Name' })).rejects.toMatchObject({
      code: 'BENCH_INVALID_OPTION',
      message: 'option project ("Bad Name") must be a lower-case folder name',
    });
    await expect(runBenchmarks({ project: 'ok', filter: '(' })).rejects.toThrow(
      /^option filter \("\("\) not a valid regular expression/,
    );
  });
});

describe('collectEnvironment', () => {
  it('records the commit and a dirty tree from git', () => {
    const git: GitRunner = (args) => (args[0] === 'rev-parse' ? 'abc123\n' : ' M file.ts\n');
    const env = collectEnvironment('/repo', ['node', 'cli.js'], git);
    expect(BenchmarkEnvironmentSchema.parse(env)).toEqual(env);
    expect(env).toMatchObject({
      gitCommit: 'abc123',
      gitDirty: true,
      commandLine: ['node', 'cli.js'],
      nodeVersion: process.version,
    });
  });

  it('records a clean tree, and nulls outside a repository', () => {
    expect(
      collectEnvironment('/repo', [], (args) => (args[0] === 'rev-parse' ? 'abc\n' : '')).gitDirty,
    ).toBe(false);
    expect(collectEnvironment('/tmp', [], () => null)).toMatchObject({
      gitCommit: null,
      gitDirty: null,
    });
  });

  it('counts changed tracked files as dirty but not untracked ones, in a real repository', () => {
    const repo = mkdtempSync(join(tmpdir(), 'prismq-env-git-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
          cwd: repo,
          stdio: 'ignore',
        });
      git('init', '-q');
      writeFileSync(join(repo, 'tracked.txt'), 'one\n');
      git('add', 'tracked.txt');
      git('commit', '-q', '-m', 'first');
      writeFileSync(join(repo, 'generated-report.md'), 'untracked\n');
      expect(collectEnvironment(repo, []).gitDirty).toBe(false);
      writeFileSync(join(repo, 'tracked.txt'), 'two\n');
      expect(collectEnvironment(repo, []).gitDirty).toBe(true);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('file helpers', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
  });
  afterEach(() => ws.dispose());

  it('writes atomically into folders it creates, leaving no temporary file', () => {
    const path = join(ws.dir, 'a', 'b', 'out.json');
    writeFileAtomic(path, '{"first":1}');
    writeFileAtomic(path, '{"second":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"second":2}');
    expect(readdirSync(join(ws.dir, 'a', 'b'))).toEqual(['out.json']);
  });

  it('finds the nearest folder with nx.json, else the start folder', () => {
    ws.write('nx.json', '{}');
    const deep = join(ws.dir, 'benchmarks', 'scoring');
    ws.write('benchmarks/scoring/package.json', '{}');
    expect(findWorkspaceRoot(deep)).toBe(ws.dir);
    expect(findWorkspaceRoot('/x/y', () => false)).toBe('/x/y');
  });

  it('makes timestamps safe for file names and sortable', () => {
    expect(fileTimestamp(new Date('2026-11-24T13:52:14.123Z'))).toBe('2026-11-24T13-52-14-123Z');
  });

  it('thins samples at a fixed stride', () => {
    expect(thinSamples([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5]);
    expect(thinSamples([1, 2], 5)).toEqual([1, 2]);
  });
});
