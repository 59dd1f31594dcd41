import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLogRecord } from '../src/capture/log-file-format.js';
import { openLogFile, readLogLines, readLogPage } from '../src/capture/log-file.js';
import type { LogLine } from '../src/capture/log-line.js';

const dir = mkdtempSync(path.join(tmpdir(), 'prismq-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeLog(name: string, texts: string[]): string {
  const file = path.join(dir, name);
  const writer = openLogFile(file);
  const iso = new Date(1_700_000_000_000).toISOString();
  texts.forEach((text, index) => {
    const line: LogLine = {
      seq: index + 1,
      time: 1_700_000_000_000,
      stream: 'stdout',
      level: 'info',
      text,
      truncated: false,
    };
    writer.append(formatLogRecord(line, iso));
  });
  writer.close();
  return file;
}

async function pageThrough(file: string, limit: number): Promise<number[]> {
  const seqs: number[] = [];
  let afterSeq = 0;
  let fromOffset = 0;
  for (;;) {
    const page = await readLogPage(file, { afterSeq, limit, fromOffset });
    if (page.lines.length === 0) return seqs;
    expect(page.nextOffset).toBeGreaterThan(fromOffset);
    for (const line of page.lines) seqs.push(line.seq);
    afterSeq = page.lines[page.lines.length - 1]?.seq ?? afterSeq;
    fromOffset = page.nextOffset;
  }
}

describe('readLogPage', () => {
  it('pages through a file from each page end without losing or repeating a line', async () => {
    const texts = Array.from({ length: 250 }, (_, i) => `line ${i + 1} ünïcødé €`);
    const file = writeLog('plain.log', texts);
    expect(await pageThrough(file, 40)).toEqual(texts.map((_, i) => i + 1));
  });

  it('stays at or before the true boundary when a text holds a carriage return', async () => {
    const texts = ['one', 'two\r\r', 'three\rmore', 'four', 'five'];
    const file = writeLog('cr.log', texts);
    const first = await readLogPage(file, { afterSeq: 0, limit: 2 });
    const rest = await readLogLines(file, { afterSeq: 2, limit: 10, fromOffset: first.nextOffset });
    const fromStart = await readLogLines(file, { afterSeq: 2, limit: 10 });
    expect(fromStart.map((line) => line.seq)).toContain(5);
    expect(rest).toEqual(fromStart);
  });
});
