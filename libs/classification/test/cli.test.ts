import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultKeywordTables } from '../src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

/** Runs the real CLI (TypeScript source through tsx) as a child process. */
function runCli(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: packageDir,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: out.split('\n').filter(Boolean),
        stderr: err.split('\n').filter(Boolean),
      }),
    );
    child.stdin.end(stdin);
  });
}

const lines = (...records: unknown[]): string =>
  records
    .map((record) => (typeof record === 'string' ? record : JSON.stringify(record)))
    .join('\n');

describe('prismq-classify', () => {
  it('writes one pure JSON line per record with its enrichment, and progress on stderr', async () => {
    const run = await runCli(
      [],
      lines({ title: 'AITA for skipping the wedding?', tags: ['aita'] }, '', {
        title: 'Fortnite clutch',
        tags: ['gaming'],
      }),
    );
    expect(run.code).toBe(0);
    const results = run.stdout.map(
      (line) =>
        JSON.parse(line) as {
          line: number;
          record: { title: string };
          enrichment: { category: { category: string }; flags: { isStory: boolean } };
        },
    );
    expect(
      results.map((r) => [
        r.line,
        r.record.title,
        r.enrichment.category.category,
        r.enrichment.flags.isStory,
      ]),
    ).toEqual([
      [1, 'AITA for skipping the wedding?', 'Storytelling', true],
      [3, 'Fortnite clutch', 'Gaming', false],
    ]);
    expect(run.stderr).toEqual([
      '::progress processed=0 total=2',
      '::progress processed=1 total=2',
      '::progress processed=2 total=2',
    ]);
  });

  it('reports malformed lines with their number and goes on', async () => {
    const run = await runCli(
      [],
      lines(
        { title: 'vlog' },
        'not json',
        '[1]',
        { title: 42 },
        { tags: 'x' },
        { title: 'tutorial' },
      ),
    );
    expect(run.code).toBe(0);
    expect(run.stdout.map((line) => (JSON.parse(line) as { line: number }).line)).toEqual([1, 6]);
    expect(run.stderr.filter((line) => line.startsWith('line '))).toEqual([
      expect.stringMatching(/^line 2: invalid JSON \(/),
      'line 3: expected a JSON object, got an array',
      'line 4: field "title" must be a string, received number 42',
      'line 5: field "tags" must be an array of strings, received the string "x"',
    ]);
    expect(run.stderr.at(-1)).toBe('classified 2 of 6 records; skipped 4 malformed line(s)');
  });

  it('stops at the first malformed line with --strict', async () => {
    const run = await runCli(
      ['--strict'],
      lines({ title: 'vlog' }, '{oops', { title: 'tutorial' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toHaveLength(1);
    expect(run.stderr).toContain('::progress processed=2 total=3');
    expect(run.stderr.at(-1)).toBe('stopped at line 2 (--strict)');
  });

  it('reads --input and custom --tables files and applies --threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismq-classify-'));
    const input = join(dir, 'records.jsonl');
    writeFileSync(input, lines({ title: 'crazy banana' }));
    const tables = structuredClone(defaultKeywordTables());
    tables.categories[0]!.keywords = { banana: 3 };
    const tablesFile = join(dir, 'tables.json');
    writeFileSync(tablesFile, JSON.stringify(tables));
    const run = await runCli(['--input', input, '--tables', tablesFile, '--threshold', '0.1']);
    expect(run.code).toBe(0);
    const { enrichment } = JSON.parse(run.stdout[0]!) as {
      enrichment: { category: { category: string }; story: { isStory: boolean } };
    };
    expect(enrichment.category.category).toBe('Storytelling');
    expect(enrichment.story.isStory).toBe(true);
  });

  it('fails with exit code 2 on a bad table or option, 1 on a missing input file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prismq-classify-'));
    const tablesFile = join(dir, 'tables.json');
    writeFileSync(tablesFile, JSON.stringify({ categories: [] }));
    const [badTables, badOption, unknown, missing] = await Promise.all([
      runCli(['--tables', tablesFile]),
      runCli(['--threshold', '3']),
      runCli(['--fast']),
      runCli(['--input', join(dir, 'nope.jsonl')]),
    ]);
    expect(badTables.code).toBe(2);
    expect(badTables.stderr[0]).toContain('categories: at least one category is required');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr[0]).toContain('--threshold must be ≤ 1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toContain("Unknown option '--fast'");
    expect(missing.code).toBe(1);
    expect(missing.stderr[0]).toMatch(/cannot read ".*nope\.jsonl": ENOENT/);
  });

  it('prints help on stdout', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^Usage: prismq-classify/);
    expect(run.stdout.join('\n')).toContain('::progress processed=N total=M');
  });

  it('reports progress about every 1 % on large inputs', async () => {
    const records = Array.from({ length: 250 }, (_, i) => ({
      title: `Video ${i}`,
      tags: ['general'],
    }));
    const run = await runCli([], lines(...records));
    expect(run.code).toBe(0);
    expect(run.stdout).toHaveLength(250);
    const progress = run.stderr.filter((line) => line.startsWith('::progress'));
    expect(progress[0]).toBe('::progress processed=0 total=250');
    expect(progress[1]).toBe('::progress processed=3 total=250');
    expect(progress.at(-1)).toBe('::progress processed=250 total=250');
    expect(progress.length).toBeLessThanOrEqual(102);
  });
});
