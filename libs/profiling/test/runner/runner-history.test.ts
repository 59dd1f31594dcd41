import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBenchmarkHistory } from '../../src/history/benchmark-history.js';
import { readBenchmarkRun } from '../../src/results/result-reader.js';
import { createTempWorkspace, PACKAGE_DIR, type TempWorkspace } from '../temp-workspace.js';

const CLI = join(PACKAGE_DIR, 'src', 'cli.ts');
const CASE_METADATA = pathToFileURL(join(PACKAGE_DIR, 'src', 'runner', 'case-metadata.ts')).href;

const BENCH = `
import { bench, do_not_optimize } from 'mitata';
import { describeCase } from '${CASE_METADATA}';
const numbers = Array.from({ length: 16 }, (_, i) => i);
bench('demo/sum/reduce', () => do_not_optimize(numbers.reduce((a, b) => a + b, 0)));
describeCase('demo/sum/reduce', { inputSize: 16 });
`;

function runCli(cwd: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PRISMQ_BENCH_DIR: '', PRISMQ_BENCH_QUICK: '' },
    timeout: 120_000,
  });
}

describe('prismq-bench appends to the benchmark history', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace(true);
    ws.write('src/demo.bench.ts', BENCH);
  });
  afterEach(() => ws.dispose());

  it('adds a line per case for a full run, next to the output folder, and nothing for a quick run', () => {
    const quick = runCli(ws.dir, [
      '--project',
      'demo',
      '--quick',
      '--out-dir',
      'reports/benchmarks',
    ]);
    expect(quick.status, quick.stderr).toBe(0);
    const historyFile = join(ws.dir, 'reports', 'history', 'demo.jsonl');
    expect(existsSync(historyFile)).toBe(false);

    const full = runCli(ws.dir, ['--project', 'demo', '--out-dir', 'reports/benchmarks']);
    expect(full.status, full.stderr).toBe(0);
    const run = readBenchmarkRun(join(ws.dir, 'reports', 'benchmarks', 'demo', 'latest.json'));
    const history = readBenchmarkHistory(historyFile);
    expect(history.problems).toEqual([]);
    expect(history.entries).toHaveLength(1);
    const [entry] = history.entries;
    const measured = run.cases[0]!;
    expect(entry).toMatchObject({
      project: 'demo',
      id: 'demo/sum/reduce',
      p50: measured.stats.p50,
      interval: { kind: 'p25-p75', low: measured.stats.p25, high: measured.stats.p75 },
      commit: null,
      dirty: null,
      date: run.startedAt,
      source: 'run',
      machine: { cpuModel: run.environment.cpuModel, node: run.environment.nodeVersion },
    });
  });
});
