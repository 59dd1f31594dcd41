import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultKeywordTables } from '../src/index.js';

// The built bin in a real child process, as the control panel runs it (the test target
// builds the package first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };
const workDir = mkdtempSync(join(tmpdir(), 'prismq-classify-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

interface Envelope {
  line: number;
  record: { title: string };
  enrichment: {
    category: { category: string };
    story: { isStory: boolean };
    flags: { isStory: boolean };
  };
}

function runCli(args: string[], stdin = '', keepStdinOpen = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
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
    if (keepStdinOpen) child.stdin.write(stdin);
    else child.stdin.end(stdin);
  });
}

const lines = (...records: unknown[]): string =>
  records
    .map((record) => (typeof record === 'string' ? record : JSON.stringify(record)))
    .join('\n');

const parse = (line: string): Envelope => JSON.parse(line) as Envelope;

describe('prismq-classify', () => {
  it('writes one {line, record, enrichment} line per record from stdin, in input order', async () => {
    const run = await runCli(
      [],
      lines({ title: 'AITA for skipping the wedding?', tags: ['aita'] }, '', {
        title: 'Fortnite clutch',
        tags: ['gaming'],
      }),
    );
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .map(parse)
        .map((r) => [
          r.line,
          r.record.title,
          r.enrichment.category.category,
          r.enrichment.flags.isStory,
        ]),
    ).toEqual([
      [1, 'AITA for skipping the wedding?', 'Storytelling', true],
      [3, 'Fortnite clutch', 'Gaming', false],
    ]);
    // The total is unknown on stdin, so the count stands alone.
    expect(run.stderr).toEqual(['::progress processed=2']);
  });

  it('accepts a byte-order mark and CRLF endings', async () => {
    const run = await runCli([], `\uFEFF${lines({ title: 'vlog' }, { title: 'tutorial' })}\r\n`);
    expect(run.code).toBe(0);
    expect(run.stdout.map(parse).map((r) => [r.line, r.record.title])).toEqual([
      [1, 'vlog'],
      [2, 'tutorial'],
    ]);
  });

  it('reports malformed lines as "prismq-classify: warning: line N: <field>: <problem>" and keeps the lines around them', async () => {
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
    expect(run.stdout.map(parse).map((r) => r.line)).toEqual([1, 6]);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        /^prismq-classify: warning: line 2: record: not valid JSON \(.+\); line skipped$/,
      ),
      'prismq-classify: warning: line 3: record: expected a JSON object, got an array; line skipped',
      'prismq-classify: warning: line 4: title: must be a string, received number 42; line skipped',
      'prismq-classify: warning: line 5: tags: must be an array of strings, received the string "x"; line skipped',
      '::progress processed=6',
      'prismq-classify: warning: skipped 4 of 6 records',
    ]);
  });

  it('stops at the first malformed line with --strict and exits 1', async () => {
    const run = await runCli(
      ['--strict'],
      lines({ title: 'vlog' }, '{oops', { title: 'tutorial' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout.map(parse).map((r) => r.line)).toEqual([1]);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^prismq-classify: error: line 2: record: not valid JSON/),
    ]);
  });

  it('exits after a strict stop even when the writer keeps stdin open', async () => {
    const run = await runCli(['--strict'], 'not json\n', true);
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/^prismq-classify: error: line 1: record: not valid JSON/);
  });

  it('reads --input with progress against the total, custom --tables and --threshold', async () => {
    const input = join(workDir, 'records.jsonl');
    writeFileSync(input, lines({ title: 'crazy banana' }, '', { title: 'plain words' }));
    const tables = structuredClone(defaultKeywordTables());
    tables.categories[0]!.keywords = { banana: 3 };
    const tablesFile = join(workDir, 'tables.json');
    writeFileSync(tablesFile, JSON.stringify(tables));
    const run = await runCli(['--input', input, '--tables', tablesFile, '--threshold', '0.1']);
    expect(run.code).toBe(0);
    const [first, second] = run.stdout.map(parse);
    expect(first!.line).toBe(1);
    expect(first!.enrichment.category.category).toBe('Storytelling');
    expect(first!.enrichment.story.isStory).toBe(true);
    expect(second!.line).toBe(3);
    expect(run.stderr).toEqual([
      '::progress processed=0 total=2',
      '::progress processed=1 total=2',
      '::progress processed=2 total=2',
    ]);
  });

  it('reports progress about once per percent on large inputs', async () => {
    const input = join(workDir, 'many.jsonl');
    const records = Array.from({ length: 250 }, (_, i) => ({ title: `Video ${i}`, tags: ['x'] }));
    writeFileSync(input, lines(...records));
    const run = await runCli(['--input', input]);
    expect(run.code).toBe(0);
    expect(run.stdout).toHaveLength(250);
    expect(run.stderr[0]).toBe('::progress processed=0 total=250');
    expect(run.stderr[1]).toBe('::progress processed=3 total=250');
    expect(run.stderr.at(-1)).toBe('::progress processed=250 total=250');
    expect(run.stderr.length).toBeLessThanOrEqual(102);
  });

  it('exits 2 for a bad option, a missing or invalid tables file; 1 for a missing input file', async () => {
    const badTables = join(workDir, 'bad-tables.json');
    writeFileSync(badTables, JSON.stringify({ categories: [] }));
    const notJson = join(workDir, 'not-json.json');
    writeFileSync(notJson, '{');
    const [invalid, missingTables, brokenTables, badOption, unknown, missingInput] =
      await Promise.all([
        runCli(['--tables', badTables]),
        runCli(['--tables', join(workDir, 'missing.json')]),
        runCli(['--tables', notJson]),
        runCli(['--threshold', '3']),
        runCli(['--fast']),
        runCli(['--input', join(workDir, 'nope.jsonl')]),
      ]);
    for (const run of [invalid, missingTables, brokenTables, badOption, unknown]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toEqual([]);
      expect(run.stderr[1]).toBe('Run prismq-classify --help for usage.');
    }
    expect(invalid.stderr[0]).toMatch(
      /^prismq-classify: error: invalid keyword tables: .*categories: at least one category is required/,
    );
    expect(missingTables.stderr[0]).toMatch(
      /^prismq-classify: error: cannot read tables ".*missing\.json": ENOENT/,
    );
    expect(brokenTables.stderr[0]).toMatch(
      /^prismq-classify: error: tables ".*" are not valid JSON/,
    );
    expect(badOption.stderr[0]).toBe('prismq-classify: error: threshold: --threshold must be ≤ 1');
    expect(unknown.stderr[0]).toContain("Unknown option '--fast'");
    expect(missingInput.code).toBe(1);
    expect(missingInput.stderr).toEqual([
      expect.stringMatching(/^prismq-classify: error: cannot read ".*nope\.jsonl": ENOENT/),
    ]);
  });

  it('prints help and the package version on stdout', async () => {
    const [help, versionRun] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout[0]).toMatch(/^Usage: prismq-classify/);
    expect(versionRun.code).toBe(0);
    expect(versionRun.stdout).toEqual([version]);
  });
});
