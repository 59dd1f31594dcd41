import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogFile, readLogTail } from '../src/capture/log-file.js';
import type { Progress } from '../src/capture/log-line.js';
import { OutputCapture } from '../src/capture/output-capture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'prismq-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

function makeCapture(
  bufferLines: number,
  onProgress?: (progress: Progress) => void,
): { capture: OutputCapture; file: string } {
  const file = path.join(dir, `run-${fileCount++}.log`);
  const capture = new OutputCapture({
    writer: openLogFile(file),
    filePath: file,
    bufferLines,
    ...(onProgress ? { onProgress } : {}),
    now: () => 1_700_000_000_000,
  });
  return { capture, file };
}

describe('OutputCapture', () => {
  it('numbers lines of both streams with one sequence and tags stream and level', async () => {
    const { capture } = makeCapture(100);
    capture.write('stdout', 'one\ntw');
    capture.write('stderr', 'ERROR: bad\n');
    capture.write('stdout', 'o\n');
    const lines = await capture.readAfter(0, 10);
    expect(lines.map((line) => [line.seq, line.stream, line.level, line.text])).toEqual([
      [1, 'stdout', 'info', 'one'],
      [2, 'stderr', 'error', 'ERROR: bad'],
      [3, 'stdout', 'info', 'two'],
    ]);
    expect(capture.lastSeq).toBe(3);
  });

  it('writes every line to the file, including the unterminated last one at end', async () => {
    const { capture, file } = makeCapture(2);
    capture.write('stdout', 'a\nb\nc\nd');
    capture.end();
    const { lines, totalLines } = await readLogTail(file, 10);
    expect(totalLines).toBe(4);
    expect(lines.map((line) => line.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      '1\t2023-11-14T22:13:20.000Z\tstdout\tinfo\t-\ta',
    );
  });

  it('reads back from the file when the memory buffer has wrapped', async () => {
    const { capture } = makeCapture(100);
    let chunk = '';
    for (let i = 1; i <= 5_000; i++) chunk += `line ${i}\n`;
    capture.write('stdout', chunk.slice(0, 20_000));
    capture.write('stdout', chunk.slice(20_000));
    expect(capture.readAfterFromMemory(10, 5)).toBeUndefined();
    const early = await capture.readAfter(10, 5);
    expect(early.map((line) => line.text)).toEqual([
      'line 11',
      'line 12',
      'line 13',
      'line 14',
      'line 15',
    ]);
    const middle = await capture.readAfter(2_500, 3);
    expect(middle.map((line) => line.seq)).toEqual([2_501, 2_502, 2_503]);
    const tail = await capture.tail(150);
    expect(tail).toHaveLength(150);
    expect(tail[0]?.seq).toBe(4_851);
    expect(tail[149]?.text).toBe('line 5000');
  });

  it('reports progress lines and keeps them in the log', async () => {
    const seen: Progress[] = [];
    const { capture } = makeCapture(10, (progress) => seen.push(progress));
    capture.write('stderr', '::progress processed=1 total=4\n::progress processed=4 total=4\n');
    expect(seen.map((progress) => progress.percent)).toEqual([25, 100]);
    expect((await capture.tail(10)).map((line) => line.text)).toHaveLength(2);
  });

  it('wakes subscribers on new lines and at the end, not for chunks without a full line', () => {
    const { capture } = makeCapture(10);
    let wakes = 0;
    const stop = capture.subscribe(() => wakes++);
    capture.write('stdout', 'partial');
    expect(wakes).toBe(0);
    capture.write('stdout', ' line\n');
    expect(wakes).toBe(1);
    capture.end();
    expect(wakes).toBe(2);
    expect(capture.isEnded).toBe(true);
    stop();
  });
});
