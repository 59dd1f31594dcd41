import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreIdeaInspiration } from '../src/index.js';

// The CLI runs as the control panel runs it: a real child process with real pipes and files.
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'prismq-score-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], stdin = '', keepStdinOpen = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (keepStdinOpen) child.stdin.write(stdin);
    else child.stdin.end(stdin);
  });
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
  it('scores JSON lines from stdin to stdout, one output line per record, in order', async () => {
    const run = await runCli([], `${JSON.stringify(ideaA)}\r\n\n${JSON.stringify(ideaB)}\n`);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject(ideaA);
    expect(lines[0]!['scoreBreakdown']).toEqual(
      scoreIdeaInspiration({
        title: ideaA.title,
        description: ideaA.description,
        textContent: ideaA.text_content,
      }),
    );
    expect(
      (lines[1]!['scoreBreakdown'] as { engagementScore: number }).engagementScore,
    ).toBeGreaterThan(0);
    // The total is unknown on stdin, so there is no progress line.
    expect(run.stderr).not.toContain('::progress');
  });

  it('reports a malformed line with its number, skips it and keeps going', async () => {
    const input = [
      JSON.stringify(ideaA),
      '{"title": broken',
      '[1,2]',
      JSON.stringify({ metadata: { statistics: { viewCount: '12abc' } } }),
      JSON.stringify(ideaB),
    ].join('\n');
    const run = await runCli([], input);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^warning: line 2: not valid JSON/m);
    expect(run.stderr).toMatch(/^warning: line 3: .*expected object/m);
    expect(run.stderr).toMatch(
      /^warning: line 4: metadata\.statistics\.viewCount: must be a decimal integer/m,
    );
    expect(run.stderr).toContain('skipped 3 of 5 records');
  });

  it('stops at the first malformed line with --strict and exits 1', async () => {
    const run = await runCli(
      ['--strict'],
      [JSON.stringify(ideaA), 'nope', JSON.stringify(ideaB)].join('\n'),
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: line 2: not valid JSON/m);
  });

  it('exits after a strict stop even when the writer keeps stdin open', async () => {
    const run = await runCli(['--strict'], 'not json\n', true);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: line 1: not valid JSON/m);
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
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('::progress'));
    expect(progress).toEqual([
      '::progress processed=0 total=3',
      '::progress processed=1 total=3',
      '::progress processed=2 total=3',
      '::progress processed=3 total=3',
    ]);
    const written = readFileSync(outputPath, 'utf8').trimEnd().split('\n');
    expect(written.map((line) => (JSON.parse(line) as { title: string }).title)).toEqual([
      ideaA.title,
      ideaB.title,
      ideaA.title,
    ]);
  });

  it('fails with a message naming a missing input file', async () => {
    const run = await runCli(['--input', join(workDir, 'missing.jsonl')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing\.jsonl/);
  });

  it('prints usage for --help and rejects unknown options with exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: prismq-score');
    const bad = await runCli(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/frobnicate/);
  });
});
