import {
  openSync,
  closeSync,
  readFileSync,
  writeFileSync,
  writeSync,
  appendFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLogRecord } from '../../src/capture/log-file-format.js';
import { readLogLines, readLogTail } from '../../src/capture/log-file.js';
import type { LogLine } from '../../src/capture/log-line.js';
import {
  makeDataDir,
  rawRequest,
  removeDataDir,
  startLiveServer,
  waitForRun,
  type LiveServer,
  postRun,
} from './security-server.js';

const TIME = '2026-01-01T00:00:00.000Z';

function line(seq: number, text: string): LogLine {
  return {
    seq,
    time: Date.parse(TIME),
    stream: seq % 3 === 0 ? 'stderr' : 'stdout',
    level: 'info',
    text,
    truncated: false,
  };
}

/** Bytes this process has read through read(2) and friends so far. */
function bytesRead(): number {
  const io = readFileSync('/proc/self/io', 'utf8');
  return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
}

describe('tail of a finished log', () => {
  let live: LiveServer;
  let runId: string;
  const lines = 400_000;
  beforeAll(async () => {
    live = await startLiveServer();
    const launched = await postRun(live.baseUrl, 'echo');
    runId = (launched.json as { runId: string }).runId;
    await waitForRun(live.baseUrl, runId, ['completed']);
    // Replace the finished run's log with a large one: ~40 MB.
    const fd = openSync(path.join(live.dataDir, 'runs', runId, 'run.log'), 'w');
    let batch = '';
    for (let seq = 1; seq <= lines; seq++) {
      batch += formatLogRecord(line(seq, `line ${seq} ${'x'.repeat(60)}`), TIME);
      if (batch.length > 1_000_000) {
        writeSync(fd, batch);
        batch = '';
      }
    }
    writeSync(fd, batch);
    closeSync(fd);
  });
  afterAll(() => live.stop());

  it('answers tail=100 by reading the end of the file only', async () => {
    const before = bytesRead();
    const response = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/logs?tail=100` });
    const read = bytesRead() - before;
    expect(response.status).toBe(200);
    const body = response.json as {
      lines: { seq: number }[];
      totalLines: number;
      truncated: boolean;
    };
    expect(body.totalLines).toBe(lines);
    expect(body.truncated).toBe(true);
    expect(body.lines.map((entry) => entry.seq)).toEqual(
      Array.from({ length: 100 }, (_, index) => lines - 99 + index),
    );
    // The file is ~40 MB; the tail is ~10 KB, read in 64 KiB chunks.
    expect(read).toBeLessThan(2_000_000);
  });
});

describe('readLogTail agrees with reading the whole file forwards', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeDataDir();
  });
  afterAll(() => removeDataDir(dir));

  it.each([
    [0, 10],
    [1, 1],
    [5, 10],
    [3_000, 1],
    [3_000, 999],
    [3_000, 3_000],
    [3_000, 5_000],
  ])('%i lines, tail %i, texts crossing chunk edges', async (total, count) => {
    const file = path.join(dir, `log-${total}-${count}`);
    let text = '';
    // Lines of changing width with multi-byte characters, tabs and an empty line.
    for (let seq = 1; seq <= total; seq++)
      text += formatLogRecord(
        line(seq, seq % 97 === 0 ? '' : `é€\t${'ü'.repeat(seq % 211)} ${seq}`),
        TIME,
      );
    writeFileSync(file, text);
    const tail = await readLogTail(file, count);
    const all = await readLogLines(file, { afterSeq: 0, limit: Number.MAX_SAFE_INTEGER });
    expect(tail.totalLines).toBe(total);
    expect(tail.lines).toEqual(all.slice(Math.max(0, all.length - count)));
  });

  it('skips a torn last record and reads a missing file as empty', async () => {
    const file = path.join(dir, 'torn');
    writeFileSync(
      file,
      formatLogRecord(line(1, 'one'), TIME) + formatLogRecord(line(2, 'two'), TIME),
    );
    appendFileSync(file, '3\t2026-01');
    const tail = await readLogTail(file, 5);
    expect(tail.lines.map((entry) => entry.text)).toEqual(['one', 'two']);
    expect(tail.totalLines).toBe(2);
    expect(await readLogTail(path.join(dir, 'missing'), 5)).toEqual({ lines: [], totalLines: 0 });
  });
});
