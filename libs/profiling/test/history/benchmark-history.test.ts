import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareDocument } from '../../src/results/compare-document-schema.js';
import {
  appendBenchmarkHistory,
  appendRunToHistory,
  benchmarkHistoryPath,
  historyEntriesOfComparison,
  historyEntriesOfRun,
  readBenchmarkHistory,
  type HistoryEntry,
} from '../../src/history/benchmark-history.js';
import type { BenchmarkRun } from '../../src/results/result-schema.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

const ENVIRONMENT = {
  os: 'Linux 6.1',
  platform: 'linux',
  arch: 'x64',
  cpuModel: 'Test CPU',
  cpuCount: 2,
  totalMemoryBytes: 1024,
  nodeVersion: 'v20.19.0',
  v8Version: '11.3',
  gitCommit: 'a'.repeat(40),
  gitDirty: false,
  commandLine: ['prismq-bench'],
  exposeGc: true,
  gpus: [{ model: 'Tesla T4', driver: '535', memoryBytes: 1 }],
};

function stats(p50: number) {
  return {
    samples: 10,
    min: p50 / 2,
    max: p50 * 2,
    mean: p50,
    p25: p50 - 10,
    p50,
    p75: p50 + 10,
    p99: p50 * 1.9,
    p999: p50 * 2,
    stddev: 1,
    cv: 0.01,
    opsPerSec: 1e9 / p50,
  };
}

function run(quick = false): BenchmarkRun {
  return {
    schemaVersion: 1,
    project: 'demo',
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:05:05.000Z',
    quick,
    environment: ENVIRONMENT,
    cases: [
      {
        id: 'demo/sum/reduce',
        module: 'demo',
        group: 'sum',
        name: 'reduce',
        unit: 'ns',
        stats: stats(100),
      },
      {
        id: 'demo/sum/loop',
        module: 'demo',
        group: 'sum',
        name: 'loop',
        unit: 'ns',
        stats: stats(40),
      },
    ],
  };
}

describe('benchmark history', () => {
  let ws: TempWorkspace;
  let file: string;
  beforeEach(() => {
    ws = createTempWorkspace();
    file = join(ws.dir, 'history', 'demo.jsonl');
  });
  afterEach(() => ws.dispose());

  it('turns a run into one entry per case with p25–p75, commit and machine fingerprint', () => {
    const entries = historyEntriesOfRun(run());
    expect(entries.map((e) => e.id)).toEqual(['demo/sum/reduce', 'demo/sum/loop']);
    expect(entries[0]).toMatchObject({
      p50: 100,
      interval: { kind: 'p25-p75', low: 90, high: 110 },
      commit: 'a'.repeat(40),
      dirty: false,
      date: '2026-01-02T03:04:05.000Z',
      source: 'run',
      machine: {
        cpuModel: 'Test CPU',
        cpuCount: 2,
        os: 'Linux 6.1',
        node: 'v20.19.0',
        v8: '11.3',
        gpus: ['Tesla T4'],
      },
    });
    expect(entries[0]?.verdict).toBeUndefined();
  });

  it('appends whole lines and reads them back in order', () => {
    appendBenchmarkHistory(file, historyEntriesOfRun(run()));
    appendBenchmarkHistory(
      file,
      historyEntriesOfRun({ ...run(), startedAt: '2026-01-03T00:00:00.000Z' }),
    );
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(5);
    const history = readBenchmarkHistory(file);
    expect(history.problems).toEqual([]);
    expect(history.tornTail).toBe(false);
    expect(history.entries.map((e) => `${e.date} ${e.id}`)).toEqual([
      '2026-01-02T03:04:05.000Z demo/sum/reduce',
      '2026-01-02T03:04:05.000Z demo/sum/loop',
      '2026-01-03T00:00:00.000Z demo/sum/reduce',
      '2026-01-03T00:00:00.000Z demo/sum/loop',
    ]);
  });

  it('flags a torn last line, keeps the whole ones, and starts the next append on a fresh line', () => {
    appendBenchmarkHistory(file, historyEntriesOfRun(run()));
    appendFileSync(file, '{"schemaVersion":1,"project":"de');
    const torn = readBenchmarkHistory(file);
    expect(torn.entries).toHaveLength(2);
    expect(torn.tornTail).toBe(true);
    expect(torn.problems).toEqual([{ line: 3, problem: 'unfinished last line (torn write)' }]);

    appendBenchmarkHistory(file, historyEntriesOfRun(run()));
    const after = readBenchmarkHistory(file);
    expect(after.entries).toHaveLength(4);
    expect(after.tornTail).toBe(false);
    expect(after.problems).toEqual([{ line: 3, problem: 'not valid JSON' }]);
  });

  it('skips lines that break the schema and names the field', () => {
    const good = JSON.stringify(historyEntriesOfRun(run())[0]);
    const bad = JSON.stringify({ ...historyEntriesOfRun(run())[0], p50: -1 });
    const wrongId = JSON.stringify({ ...historyEntriesOfRun(run())[0], id: 'no-slashes' });
    const path = join(ws.dir, 'mixed.jsonl');
    writeFileSync(path, `${good}\n${bad}\n${wrongId}\n\n`);
    const history = readBenchmarkHistory(path);
    expect(history.entries).toHaveLength(1);
    expect(history.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(history.problems[0]?.problem).toMatch(/^p50: /);
    expect(history.problems[1]?.problem).toMatch(/^id: case id must look like/);
  });

  it('refuses to append an invalid entry and writes nothing', () => {
    const entry = { ...historyEntriesOfRun(run())[0], date: 'yesterday' } as HistoryEntry;
    expect(() => appendBenchmarkHistory(file, [entry])).toThrow(/date/);
    expect(readBenchmarkHistory(file).entries).toEqual([]);
  });

  it('keeps full runs only, next to the runner output folder', () => {
    const outDir = join(ws.dir, 'reports', 'benchmarks');
    appendRunToHistory(outDir, run(true));
    const path = benchmarkHistoryPath(outDir, 'demo');
    expect(path).toBe(join(ws.dir, 'reports', 'benchmarks', '..', 'history', 'demo.jsonl'));
    expect(readBenchmarkHistory(path).entries).toEqual([]);
    appendRunToHistory(outDir, run(false));
    expect(
      readBenchmarkHistory(join(ws.dir, 'reports', 'history', 'demo.jsonl')).entries,
    ).toHaveLength(2);
  });

  it('turns a paired comparison into head-side entries carrying each verdict', () => {
    const document: CompareDocument = {
      schemaVersion: 1,
      project: 'demo',
      createdAt: '2026-01-04T00:00:00.000Z',
      base: { ref: 'main', commit: 'b'.repeat(40) },
      head: { ref: 'HEAD', commit: 'c'.repeat(40), dirty: true },
      environment: ENVIRONMENT,
      method: { name: 'paired-bootstrap', threshold: 0.02, confidence: 0.95 },
      cases: [
        {
          id: 'demo/sum/reduce',
          ratio: 1.2,
          low: 1.1,
          high: 1.3,
          verdict: 'slower',
          baseP50: 100,
          headP50: 120,
          rounds: 10,
        },
      ],
    };
    const [entry] = historyEntriesOfComparison(document);
    expect(entry).toMatchObject({
      id: 'demo/sum/reduce',
      p50: 120,
      commit: 'c'.repeat(40),
      dirty: true,
      baseCommit: 'b'.repeat(40),
      source: 'compare',
      verdict: 'slower',
    });
    expect(entry?.interval.kind).toBe('ratio-ci');
    expect(entry?.interval.low).toBeCloseTo(110);
    expect(entry?.interval.high).toBeCloseTo(130);
    appendBenchmarkHistory(file, historyEntriesOfComparison(document));
    expect(readBenchmarkHistory(file).entries[0]?.verdict).toBe('slower');
  });
});
