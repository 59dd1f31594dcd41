import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
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

describe('prismq-score on an input larger than its heap', () => {
  // Larger than the old generation the CLI is given (16 MB), so that a run which kept the
  // input, its records or its results would run out of memory: only a run that holds one
  // record at a time gets through. About 19 MB of input, 85 MB of output.
  const RECORDS = 70_000;
  const HEAP = ['--max-old-space-size=16'];
  const bigInput = join(workDir, 'big.jsonl');
  const BAD_LINE = 41_234; // a line that is not JSON
  const BLANK_LINE = 20_000; // a blank line, which is no record

  /** The idea written at `line` of the big input (a blank or bad line carries none). */
  const ideaAt = (line: number) => ({
    title: `Idea ${line}: ${line % 2 === 0 ? ideaA.title : ideaB.title}`,
    description: ideaA.description,
    textContent: `${ideaA.text_content} Number ${line} of the run.`,
    metadata: { statistics: { viewCount: String(line * 10), likeCount: String(line % 700) } },
  });

  async function writeBigInput(): Promise<void> {
    const out = createWriteStream(bigInput);
    for (let line = 1; line <= RECORDS + 1; line++) {
      const text =
        line === BLANK_LINE
          ? ''
          : line === BAD_LINE
            ? '{"title": oops}'
            : JSON.stringify(ideaAt(line));
      if (!out.write(`${text}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  }

  /** Runs the CLI under the small heap with stdin and stdout connected to files. */
  async function runBig(args: string[], stdinPath?: string, stdoutPath?: string): Promise<Run> {
    const stdin = stdinPath === undefined ? 'ignore' : openSync(stdinPath, 'r');
    const stdout = stdoutPath === undefined ? 'ignore' : openSync(stdoutPath, 'w');
    try {
      const child = spawn(process.execPath, [...HEAP, CLI, ...args], {
        stdio: [stdin, stdout, 'pipe'],
      });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const [code] = (await once(child, 'close')) as [number | null];
      return { code, stdout: '', stderr: stderr.split('\n').filter(Boolean) };
    } finally {
      if (typeof stdin === 'number') closeSync(stdin);
      if (typeof stdout === 'number') closeSync(stdout);
    }
  }

  /** Checks the output file line by line: every envelope in input order, a sample scored again. */
  async function readBigOutput(path: string): Promise<number[]> {
    const lines: number[] = [];
    const reader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const text of reader) {
      const envelope = JSON.parse(text) as Envelope;
      lines.push(envelope.line);
      if (envelope.line % 997 === 0) {
        const idea = ideaAt(envelope.line);
        expect(envelope.record).toEqual(idea);
        expect(envelope.scoreBreakdown).toEqual(scoreIdeaInspiration(idea));
      }
    }
    return lines;
  }

  const goodLines = (last: number): number[] =>
    Array.from({ length: last }, (_, i) => i + 1).filter(
      (line) => line !== BLANK_LINE && line !== BAD_LINE,
    );

  it('scores every record of --input into --output in order, reporting the bad line', async () => {
    await writeBigInput();
    const outputPath = join(workDir, 'big-out', 'scored.jsonl');
    const run = await runBig(['--input', bigInput, '--output', outputPath]);
    expect(run.stderr.filter((line) => !line.startsWith('::progress'))).toEqual([
      `prismq-score: warning: line ${BAD_LINE}: record: not valid JSON (Unexpected token 'o', "{"title": oops}" is not valid JSON); line skipped`,
      `prismq-score: warning: skipped 1 of ${RECORDS} records`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr.at(-2)).toBe(`::progress processed=${RECORDS} total=${RECORDS}`);
    expect(await readBigOutput(outputPath)).toEqual(goodLines(RECORDS + 1));
  }, 120_000);

  it('streams stdin to stdout alike and stops a strict run at the bad line', async () => {
    const outputPath = join(workDir, 'big-stdout.jsonl');
    const run = await runBig(['--strict'], bigInput, outputPath);
    expect(run.stderr.filter((line) => !line.startsWith('::progress'))).toEqual([
      `prismq-score: error: line ${BAD_LINE}: record: not valid JSON (Unexpected token 'o', "{"title": oops}" is not valid JSON)`,
    ]);
    expect(run.code).toBe(1);
    expect(await readBigOutput(outputPath)).toEqual(goodLines(BAD_LINE - 1));
  }, 120_000);
});
