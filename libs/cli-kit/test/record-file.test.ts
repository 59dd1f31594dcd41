import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordFile, RecordFileError } from '../src/record-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openRecordFile', () => {
  it('counts the records first, then reads them from the start', async () => {
    const path = join(dir, 'ideas.jsonl');
    writeFileSync(path, '\uFEFF{"a":1}\r\n\r\n{"b":2}\n{"c":3}');
    const file = await openRecordFile(path);
    try {
      expect(file.total).toBe(3);
      const lines = [];
      for await (const line of file.lines()) lines.push(line);
      expect(lines).toEqual([
        { text: '{"a":1}', lineNumber: 1 },
        { text: '{"b":2}', lineNumber: 3 },
        { text: '{"c":3}', lineNumber: 4 },
      ]);
    } finally {
      await file.close();
    }
  });

  it('throws a RecordFileError naming a file that cannot be opened or read', async () => {
    const missing = join(dir, 'missing.jsonl');
    const error = await openRecordFile(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordFileError);
    expect(error).toMatchObject({ code: 'CLI_INPUT_UNREADABLE', path: missing });
    expect((error as Error).message).toMatch(/^cannot read ".*missing\.jsonl": ENOENT/);
    // A folder opens but cannot be read.
    await expect(openRecordFile(dir)).rejects.toThrow(/^cannot read ".*": EISDIR/);
  });
});
