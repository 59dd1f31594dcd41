import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogFile, readLogTail } from '../../src/capture/log-file.js';
import { MAX_LINE_LENGTH } from '../../src/capture/line-splitter.js';
import { OutputCapture } from '../../src/capture/output-capture.js';
import {
  RunJobSchema,
  endFields,
  linesFields,
  parseEntry,
  startedFields,
} from '../../src/queue/queue-protocol.js';

// What a worker writes into Redis reaches the server's log file: read as untrusted input.
const dir = mkdtempSync(path.join(tmpdir(), 'prismq-entries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run stream entries', () => {
  it('round-trip started, lines and end', () => {
    const lines = [
      { stream: 'stdout' as const, text: 'a\ttab', truncated: false },
      { stream: 'stderr' as const, text: 'WARN: x', truncated: true },
    ];
    expect(parseEntry(linesFields(lines))).toEqual({ kind: 'lines', lines });
    expect(parseEntry(startedFields(2, 'box:12'))).toEqual({
      kind: 'started',
      attempt: 2,
      worker: 'box:12',
    });
    expect(parseEntry(endFields('failed', 3, 'exited with code 3'))).toEqual({
      kind: 'end',
      status: 'failed',
      exitCode: 3,
      errorMessage: 'exited with code 3',
    });
    expect(parseEntry(endFields('completed', null, null))).toMatchObject({
      exitCode: null,
      errorMessage: null,
    });
  });

  it.each([
    [['t', 'lines', 'l', 'not json']],
    [['t', 'lines', 'l', '{"a":1}']],
    [['t', 'lines', 'l', '[[1,2,3]]']],
    [['t', 'lines']],
    [['t', 'started', 'a', '0', 'w', 'x']],
    [['t', 'started', 'a', 'NaN', 'w', 'x']],
    [['t', 'end', 's', 'cancelled', 'c', '', 'm', '']],
    [['t', 'end', 's', 'failed', 'c', '1e9', 'm', '']],
    [['t', 'what']],
    [[]],
  ])('ignores a malformed entry %j', (fields) => {
    expect(parseEntry(fields)).toBeUndefined();
  });

  it('keeps the line rules for lines split elsewhere: cap, no line break inside', async () => {
    const file = path.join(dir, 'run.log');
    const capture = new OutputCapture({ writer: openLogFile(file), filePath: file });
    capture.appendLines([
      { stream: 'stdout', text: 'x'.repeat(MAX_LINE_LENGTH + 10), truncated: false },
      { stream: 'stdout', text: 'one\ntwo', truncated: false },
      { stream: 'stderr', text: 'ERROR: boom', truncated: false },
    ]);
    capture.end();
    const { lines, totalLines } = await readLogTail(file, 10);
    expect(totalLines).toBe(3);
    expect(lines[0]).toMatchObject({ seq: 1, truncated: true });
    expect(lines[0]?.text).toHaveLength(MAX_LINE_LENGTH);
    expect(lines[1]).toMatchObject({ seq: 2, text: 'one two', truncated: false });
    expect(lines[2]).toMatchObject({ seq: 3, stream: 'stderr', level: 'error' });
  });

  it('refuses jobs that are not runs', () => {
    const job = {
      protocolVersion: 1,
      runId: '6f1f1f7e-3c1a-4c61-9a70-0a6c2f0f5a11',
      moduleId: 'demo',
      args: ['--lines=5'],
      writePaths: [],
      retrySafe: false,
      serverVersion: '0.1.0',
    };
    expect(RunJobSchema.safeParse(job).success).toBe(true);
    expect(RunJobSchema.safeParse({ ...job, args: ['--x=\u0000'] }).success).toBe(false);
    expect(RunJobSchema.safeParse({ ...job, moduleId: '../etc' }).success).toBe(false);
    expect(RunJobSchema.safeParse({ ...job, runId: '../../x' }).success).toBe(false);
    expect(RunJobSchema.safeParse({ ...job, extra: 1 }).success).toBe(false);
    expect(RunJobSchema.safeParse({ ...job, protocolVersion: 2 }).success).toBe(false);
  });
});
