import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readBenchmarkRun,
  readCpuProfileSummary,
  readMemoryReport,
  ResultFileError,
} from '../../src/results/result-reader.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';
import { TEST_ENVIRONMENT } from '../fixtures/test-environment.js';

const validRun = {
  schemaVersion: 1,
  project: 'demo',
  startedAt: '2026-11-24T10:00:00.000Z',
  finishedAt: '2026-11-24T10:00:05.000Z',
  quick: true,
  environment: TEST_ENVIRONMENT,
  cases: [],
};

function caught(fn: () => unknown): ResultFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ResultFileError) return error;
    throw error;
  }
  throw new Error('expected a ResultFileError');
}

describe('result readers', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
  });
  afterEach(() => ws.dispose());

  it('reads a valid run', () => {
    const path = ws.write('run.json', JSON.stringify(validRun));
    expect(readBenchmarkRun(path).project).toBe('demo');
  });

  it('names a missing file', () => {
    const error = caught(() => readBenchmarkRun(`${ws.dir}/absent.json`));
    expect(error.code).toBe('RESULT_FILE_UNREADABLE');
    expect(error.message).toContain('absent.json');
  });

  it('rejects text that is not JSON, naming the file', () => {
    const path = ws.write('broken.json', '{"schemaVersion": 1,');
    const error = caught(() => readBenchmarkRun(path));
    expect(error.code).toBe('RESULT_FILE_NOT_JSON');
    expect(error.message.startsWith(path)).toBe(true);
  });

  it('rejects an unknown schemaVersion with the version it knows', () => {
    const path = ws.write('future.json', JSON.stringify({ ...validRun, schemaVersion: 2 }));
    const error = caught(() => readBenchmarkRun(path));
    expect(error.code).toBe('RESULT_FILE_UNKNOWN_VERSION');
    expect(error.message).toContain('2');
    expect(error.message).toContain('version 1');
  });

  it('rejects a foreign document, naming the first problem', () => {
    const path = ws.write(
      'foreign.json',
      JSON.stringify({ ...validRun, cases: [{ id: 'Not An Id' }] }),
    );
    const error = caught(() => readBenchmarkRun(path));
    expect(error.code).toBe('RESULT_FILE_INVALID');
    expect(error.message).toContain('cases.0');
  });

  it('does not take a CPU summary for a memory report', () => {
    const path = ws.write('cpu.json', JSON.stringify({ schemaVersion: 1, kind: 'cpu', name: 'x' }));
    expect(caught(() => readMemoryReport(path)).code).toBe('RESULT_FILE_INVALID');
    expect(caught(() => readCpuProfileSummary(path)).message).toContain(path);
  });
});
