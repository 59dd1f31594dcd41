import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkHistoryPath } from '../../src/history/benchmark-history.js';
import { writeFileAtomic } from '../../src/results/atomic-write.js';
import {
  baselinePath,
  compareDocumentPath,
  historyPath,
  latestRunPath,
  loadReportPath,
  parseCompareDocumentName,
  parseHistoryFileName,
  reportsFolder,
  runDocumentPath,
  workspaceReportsDir,
} from '../../src/results/reports-layout.js';

describe('reports layout', () => {
  it('names every file of a workspace-relative reports folder with / separators', () => {
    expect(latestRunPath('reports', 'scoring')).toBe('reports/benchmarks/scoring/latest.json');
    expect(baselinePath('reports', 'scoring')).toBe('reports/baseline/scoring.json');
    expect(compareDocumentPath('reports', 'scoring')).toBe('reports/compare/scoring.json');
    expect(compareDocumentPath('reports', 'scoring', 'aa')).toBe('reports/compare/scoring.aa.json');
    expect(historyPath('reports', 'scoring')).toBe('reports/history/scoring.jsonl');
    expect(loadReportPath('reports', 'client-backend')).toBe('reports/load/client-backend.json');
    expect(reportsFolder('out/reports/', 'cpu')).toBe('out/reports/cpu');
  });

  it('keeps an absolute reports folder absolute, under the workspace root', () => {
    const reportsDir = workspaceReportsDir('/work/space');
    expect(reportsDir).toBe(join('/work/space', 'reports'));
    expect(compareDocumentPath(reportsDir, 'scoring')).toBe(
      join('/work/space', 'reports', 'compare', 'scoring.json'),
    );
    expect(runDocumentPath(reportsFolder(reportsDir, 'benchmarks'), 'scoring', 'x.json')).toBe(
      join('/work/space', 'reports', 'benchmarks', 'scoring', 'x.json'),
    );
  });

  it('reads back the project and kind of every compare document name it gives, and nothing else', () => {
    for (const project of ['scoring', 'client-backend', 'a.b']) {
      for (const kind of ['compare', 'aa'] as const) {
        const name = compareDocumentPath('reports', project, kind).split('/').at(-1)!;
        expect(parseCompareDocumentName(name)).toEqual({ project, kind });
      }
    }
    expect(parseCompareDocumentName('notes.md')).toBeUndefined();
    expect(parseCompareDocumentName('.scoring.json.123.1.tmp')).toBeUndefined();
    expect(parseHistoryFileName('scoring.jsonl')).toBe('scoring');
    expect(parseHistoryFileName('scoring.json')).toBeUndefined();
  });

  it('puts the history next to the runner output folder, as the runner and compare both find it', () => {
    const reportsDir = workspaceReportsDir('/work/space');
    expect(benchmarkHistoryPath(reportsFolder(reportsDir, 'benchmarks'), 'scoring')).toBe(
      historyPath(reportsDir, 'scoring'),
    );
  });

  it('gives paths a folder listing finds again, on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'prismq-layout-'));
    try {
      const reportsDir = workspaceReportsDir(root);
      writeFileAtomic(compareDocumentPath(reportsDir, 'demo'), '{}');
      writeFileAtomic(compareDocumentPath(reportsDir, 'demo', 'aa'), '{}');
      const listed = readdirSync(reportsFolder(reportsDir, 'compare')).sort();
      expect(listed.map(parseCompareDocumentName)).toEqual([
        { project: 'demo', kind: 'aa' },
        { project: 'demo', kind: 'compare' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
