import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreIdeaInspiration } from '../src/index.js';

// The CLI runs as the control panel runs it: the built bin in a real child process with real
// pipes and files (the test target builds the package first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };
const workDir = mkdtempSync(join(tmpdir(), 'prismq-score-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string[];
}

interface Envelope {
  line: number;
  record: Record<string, unknown>;
  scoreBreakdown: ReturnType<typeof scoreIdeaInspiration>;
}

function runCli(args: string[], stdin = '', keepStdinOpen = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr: stderr.split('\n').filter(Boolean) }),
    );
    if (keepStdinOpen) child.stdin.write(stdin);
    else child.stdin.end(stdin);
  });
}

function envelopes(text: string): Envelope[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Envelope);
}

const ideaA = {
  title: 'Machine Learning Basics',
  description: 'A short guide.',
  text_content: 'Learning is good. Models learn.',
};
const ideaB = {
  title: 'Viral Clip',
  content: 'Watch this.',
  metadata: { statistics: { viewCount: '1000', likeCount: '10' } },
};

describe('prismq-score', () => {
  it('writes {line, record, scoreBreakdown} per record from stdin, in input order', async () => {
    const run = await runCli([], `${JSON.stringify(ideaA)}\r\n\n${JSON.stringify(ideaB)}\n`);
    expect(run.code).toBe(0);
    const lines = envelopes(run.stdout);
    expect(lines.map((line) => line.line)).toEqual([1, 3]);
    expect(lines.map((line) => line.record)).toEqual([ideaA, ideaB]);
    expect(lines[0]!.scoreBreakdown).toEqual(
      scoreIdeaInspiration({
        title: ideaA.title,
        description: ideaA.description,
        textContent: ideaA.text_content,
      }),
    );
    expect(lines[1]!.scoreBreakdown.engagementScore).toBeGreaterThan(0);
    // The total is unknown on stdin, so the count stands alone.
    expect(run.stderr).toEqual(['::progress processed=2']);
  });

  it('accepts a byte-order mark on stdin', async () => {
    const run = await runCli([], `\uFEFF${JSON.stringify(ideaA)}\n`);
    expect(run.code).toBe(0);
    expect(envelopes(run.stdout)[0]!.record).toEqual(ideaA);
  });

  it('reports a malformed line as "prismq-score: warning: line N: <field>: <problem>", keeping the lines around it', async () => {
    const input = [
      JSON.stringify(ideaA),
      '{"title": broken',
      '[1,2]',
      JSON.stringify({ metadata: { statistics: { viewCount: '12abc' } } }),
      JSON.stringify(ideaB),
    ].join('\n');
    const run = await runCli([], input);
    expect(run.code).toBe(0);
    expect(envelopes(run.stdout).map((line) => line.line)).toEqual([1, 5]);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        /^prismq-score: warning: line 2: record: not valid JSON \(.+\); line skipped$/,
      ),
      expect.stringMatching(
        /^prismq-score: warning: line 3: record: .*expected object.*; line skipped$/,
      ),
      'prismq-score: warning: line 4: metadata.statistics.viewCount: must be a decimal integer; line skipped',
      '::progress processed=5',
      'prismq-score: warning: skipped 3 of 5 records',
    ]);
  });

  it('stops at the first malformed line with --strict and exits 1', async () => {
    const run = await runCli(
      ['--strict'],
      [JSON.stringify(ideaA), 'nope', JSON.stringify(ideaB)].join('\n'),
    );
    expect(run.code).toBe(1);
    expect(envelopes(run.stdout).map((line) => line.line)).toEqual([1]);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^prismq-score: error: line 2: record: not valid JSON/),
    ]);
  });

  it('exits after a strict stop even when the writer keeps stdin open', async () => {
    const run = await runCli(['--strict'], 'not json\n', true);
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/^prismq-score: error: line 1: record: not valid JSON/);
  });

  it('reads --input, writes --output and prints progress lines with the known total', async () => {
    const inputPath = join(workDir, 'ideas.jsonl');
    const outputPath = join(workDir, 'output', 'scored.jsonl'); // the folder does not exist yet
    // A byte-order mark and CRLF endings, as a Windows editor would save the file.
    const records = [ideaA, ideaB, ideaA].map((idea) => JSON.stringify(idea));
    writeFileSync(inputPath, `\uFEFF${records.join('\r\n')}\r\n`);
    const run = await runCli(['--input', inputPath, '--output', outputPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toEqual([
      '::progress processed=0 total=3',
      '::progress processed=1 total=3',
      '::progress processed=2 total=3',
      '::progress processed=3 total=3',
    ]);
    const written = envelopes(readFileSync(outputPath, 'utf8'));
    expect(written.map((line) => [line.line, line.record['title']])).toEqual([
      [1, ideaA.title],
      [2, ideaB.title],
      [3, ideaA.title],
    ]);
  });

  it('fails with exit 1 and a message naming a missing input file', async () => {
    const run = await runCli(['--input', join(workDir, 'missing.jsonl')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^prismq-score: error: cannot read ".*missing\.jsonl": ENOENT/),
    ]);
  });

  it('prints usage for --help and the package version for --version', async () => {
    const [help, versionRun] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: prismq-score/);
    expect(versionRun.code).toBe(0);
    expect(versionRun.stdout).toBe(`${version}\n`);
  });

  it('rejects an unknown option, a stray argument and an option without its value with exit 2', async () => {
    const runs = await Promise.all([
      runCli(['--frobnicate']),
      runCli(['ideas.jsonl']),
      runCli(['--input']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr[0]).toMatch(/^prismq-score: error: /);
      expect(run.stderr[1]).toBe('Run prismq-score --help for usage.');
    }
    expect(runs[0].stderr[0]).toContain('--frobnicate');
    // A bad option value reads like a bad record field: the option first, then the rule.
    const empty = await runCli(['--input=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr[0]).toBe('prismq-score: error: input: --input needs a file name');
    // A value that looks like a flag is refused on one prefixed line, not taken as a file name.
    const ambiguous = await runCli(['--input', '--strict']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toEqual([
      expect.stringMatching(/^prismq-score: error: Option '--input' argument is ambiguous\. /),
      'Run prismq-score --help for usage.',
    ]);
  });
});
