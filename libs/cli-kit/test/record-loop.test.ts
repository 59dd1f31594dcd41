import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RecordLine } from '../src/record-lines.js';
import { runRecordLoop, type RecordOutcome, type RecordLoop } from '../src/record-loop.js';

/** The records as a source delivers them: each a turn of the event loop later. */
async function* linesOf(...records: [number, string][]): AsyncGenerator<RecordLine> {
  for (const [lineNumber, text] of records) {
    await new Promise(setImmediate);
    yield { lineNumber, text };
  }
}

/** Rejects a record whose text starts with `bad`; any other comes out with its line number. */
const handle = (text: string, lineNumber: number): RecordOutcome =>
  text.startsWith('bad')
    ? { ok: false, problem: `record: ${text}` }
    : { ok: true, output: `${lineNumber}:${text}` };

/** A slow output that says it is full after every line, as a pipe to a slow reader does. */
function slowOutput(): { stream: Writable; written: string[]; waits: () => number } {
  const written: string[] = [];
  let drains = 0;
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      setImmediate(done);
    },
  });
  stream.on('drain', () => drains++);
  return { stream, written, waits: () => drains };
}

async function run(loop: Partial<RecordLoop> & Pick<RecordLoop, 'lines'>) {
  const out = slowOutput();
  const stderr: string[] = [];
  const code = await runRecordLoop({
    command: 'prismq-test',
    handle,
    output: out.stream,
    report: (line) => stderr.push(line),
    strict: false,
    ...loop,
  });
  return { code, stdout: out.written, stderr, waits: out.waits() };
}

describe('runRecordLoop', () => {
  it('writes every output line in input order, waiting for a full output to drain', async () => {
    const records = Array.from({ length: 50 }, (_, i): [number, string] => [i + 1, `r${i}`]);
    const { code, stdout, waits } = await run({ lines: linesOf(...records) });
    expect(code).toBe(0);
    expect(stdout).toEqual(records.map(([n, text]) => `${n}:${text}\n`));
    expect(waits).toBeGreaterThanOrEqual(49);
  });

  it('reports and skips a rejected record by its line number, then counts the skipped ones', async () => {
    const { code, stdout, stderr } = await run({
      lines: linesOf([1, 'a'], [3, 'bad one'], [4, 'b'], [7, 'bad two']),
      total: 4,
    });
    expect(code).toBe(0);
    expect(stdout).toEqual(['1:a\n', '4:b\n']);
    expect(stderr).toEqual([
      '::progress processed=0 total=4',
      '::progress processed=1 total=4',
      'prismq-test: warning: line 3: record: bad one; line skipped',
      '::progress processed=2 total=4',
      '::progress processed=3 total=4',
      'prismq-test: warning: line 7: record: bad two; line skipped',
      '::progress processed=4 total=4',
      'prismq-test: warning: skipped 2 of 4 records',
    ]);
  });

  it('stops at the first rejected record in strict mode with exit code 1', async () => {
    let asked = 0;
    const { code, stdout, stderr } = await run({
      lines: linesOf([1, 'a'], [2, 'bad'], [3, 'b']),
      handle: (text, lineNumber) => (asked++, handle(text, lineNumber)),
      strict: true,
    });
    expect(code).toBe(1);
    expect(asked).toBe(2);
    expect(stdout).toEqual(['1:a\n']);
    expect(stderr).toEqual(['prismq-test: error: line 2: record: bad']);
  });

  it('without a total reports every thousand records and the final count', async () => {
    const records = Array.from({ length: 2500 }, (_, i): [number, string] => [i + 1, 'r']);
    const { stderr } = await run({ lines: linesOf(...records) });
    expect(stderr).toEqual([
      '::progress processed=1000',
      '::progress processed=2000',
      '::progress processed=2500',
    ]);
  });

  it('ends with exit code 1 and the message when the input fails', async () => {
    async function* failing(): AsyncGenerator<RecordLine> {
      yield* linesOf([1, 'a']);
      throw new Error('EIO: i/o error, read');
    }
    const { code, stdout, stderr } = await run({ lines: failing() });
    expect(code).toBe(1);
    expect(stdout).toEqual(['1:a\n']);
    expect(stderr).toEqual(['prismq-test: error: EIO: i/o error, read']);
  });

  it('ends with exit code 1 when the output fails while full', async () => {
    const output = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        done(new Error('EPIPE: broken pipe, write'));
      },
    });
    const stderr: string[] = [];
    const code = await runRecordLoop({
      command: 'prismq-test',
      lines: linesOf([1, 'a'], [2, 'b']),
      handle,
      output,
      report: (line) => stderr.push(line),
      strict: false,
    });
    expect(code).toBe(1);
    expect(stderr).toEqual(['prismq-test: error: EPIPE: broken pipe, write']);
  });
});
