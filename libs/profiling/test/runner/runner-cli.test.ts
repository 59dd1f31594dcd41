import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBenchmarkRun } from '../../src/results/result-reader.js';
import { createTempWorkspace, PACKAGE_DIR, type TempWorkspace } from '../temp-workspace.js';

const CLI = join(PACKAGE_DIR, 'src', 'cli.ts');
const CASE_METADATA = pathToFileURL(join(PACKAGE_DIR, 'src', 'runner', 'case-metadata.ts')).href;

const GOOD_BENCH = `
import { bench, do_not_optimize, group, summary } from 'mitata';
import { describeCase } from '${CASE_METADATA}';

const numbers: number[] = Array.from({ length: 64 }, (_, i) => i);
summary(() => {
  group('sum', () => {
    bench('demo/sum/reduce', () => do_not_optimize(numbers.reduce((a, b) => a + b, 0)));
  });
});
describeCase('demo/sum/reduce', { inputSize: 64, target: { metric: 'p50', op: '<', value: 1, unit: 'ms' } });

bench('demo/sweep/fill', function* (state) {
  const n = state.get('size') as number;
  yield () => do_not_optimize(new Array(n).fill(0));
}).args('size', [10, 1000]);
`;

const THROWING_BENCH = `
import { bench } from 'mitata';
bench('demo/broken/throws', () => { throw new Error('case exploded'); });
`;

function runCli(cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PRISMQ_BENCH_DIR: '', ...env },
    timeout: 120_000,
  });
}

describe('prismq-bench (child process, quick mode)', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace(true);
    ws.write('src/demo.bench.ts', GOOD_BENCH);
  });
  afterEach(() => ws.dispose());

  it('writes a valid run document with every case, sweep sizes and describeCase metadata', () => {
    const result = runCli(ws.dir, ['--project', 'demo', '--quick', '--out-dir', 'out']);
    expect(result.status, result.stderr).toBe(0);
    // mitata's own table reaches the terminal.
    expect(result.stdout).toContain('demo/sum/reduce');

    const folder = join(ws.dir, 'out', 'demo');
    const files = readdirSync(folder);
    expect(files).toContain('latest.json');
    const stamped = files.find((file) => /^\d{4}-\d\d-\d\dT.*\.json$/.test(file));
    expect(stamped).toBeDefined();

    const run = readBenchmarkRun(join(folder, 'latest.json'));
    expect(readBenchmarkRun(join(folder, stamped as string))).toEqual(run);
    expect(run.project).toBe('demo');
    expect(run.quick).toBe(true);
    expect(run.environment.exposeGc).toBe(true);
    expect(run.environment.gitCommit).toBeNull();
    expect(run.environment.commandLine).toContain('--quick');
    expect(run.cases.map((c) => c.id).sort()).toEqual([
      'demo/sum/reduce',
      'demo/sweep/fill-10',
      'demo/sweep/fill-1000',
    ]);

    const reduce = run.cases.find((c) => c.id === 'demo/sum/reduce');
    expect(reduce).toMatchObject({
      module: 'demo',
      group: 'sum',
      name: 'reduce',
      inputSize: 64,
      unit: 'ns',
    });
    expect(reduce?.target).toEqual({ metric: 'p50', op: '<', value: 1, unit: 'ms' });
    expect(reduce?.stats.opsPerSec).toBeCloseTo(1e9 / (reduce?.stats.mean ?? 1), 3);
    expect(reduce?.sampleTimes?.length).toBe(reduce?.stats.samples);

    const small = run.cases.find((c) => c.id === 'demo/sweep/fill-10');
    const large = run.cases.find((c) => c.id === 'demo/sweep/fill-1000');
    expect(small).toMatchObject({ group: 'sweep', args: { size: 10 }, inputSize: 10 });
    expect(large).toMatchObject({ group: 'sweep', args: { size: 1000 }, inputSize: 1000 });
    // Run under --expose-gc, mitata measures allocation per operation.
    expect(typeof small?.heapBytesPerOp).toBe('number');
  });

  it('exits non-zero and names the case when a case throws, keeping the other cases', () => {
    ws.write('src/broken.bench.ts', THROWING_BENCH);
    const result = runCli(ws.dir, ['--project', 'demo', '--out-dir', 'out'], {
      PRISMQ_BENCH_QUICK: '1',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('demo/broken/throws');
    expect(result.stderr).toContain('case exploded');
    const run = readBenchmarkRun(join(ws.dir, 'out', 'demo', 'latest.json'));
    expect(run.quick).toBe(true);
    expect(run.cases.map((c) => c.id)).toContain('demo/sum/reduce');
    expect(run.cases.map((c) => c.id)).not.toContain('demo/broken/throws');
  });

  it('runs only the cases the filter matches', () => {
    const result = runCli(ws.dir, [
      '--project',
      'demo',
      '--quick',
      '--out-dir',
      'out',
      '--filter',
      '^demo/sweep/',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const run = readBenchmarkRun(join(ws.dir, 'out', 'demo', 'latest.json'));
    expect(run.cases.map((c) => c.id).sort()).toEqual([
      'demo/sweep/fill-10',
      'demo/sweep/fill-1000',
    ]);
  });

  it('fails without writing when the filter matches nothing', () => {
    const result = runCli(ws.dir, [
      '--project',
      'demo',
      '--quick',
      '--out-dir',
      'out',
      '--filter',
      'nothing-like-this',
    ]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('BENCH_FILTER_NO_MATCH');
    expect(existsSync(join(ws.dir, 'out', 'demo'))).toBe(false);
  });

  it('fails naming the file when a bench file cannot load', () => {
    const path = ws.write(
      'src/bad.bench.ts',
      "import { bench } from 'mitata';\nthrow new Error('load failure');\n",
    );
    const result = runCli(ws.dir, ['--project', 'demo', '--quick', '--out-dir', 'out']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('BENCH_FILE_LOAD_FAILED');
    expect(result.stderr).toContain(path);
    expect(result.stderr).toContain('load failure');
  });

  it('rejects a missing --project with the option name', () => {
    const result = runCli(ws.dir, ['--quick']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--project');
  });

  it('runs only the files named on the command line', () => {
    ws.write('src/broken.bench.ts', THROWING_BENCH);
    const result = runCli(ws.dir, [
      '--project',
      'demo',
      '--quick',
      '--out-dir',
      'out',
      'src/demo.bench.ts',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const run = readBenchmarkRun(join(ws.dir, 'out', 'demo', 'latest.json'));
    expect(run.cases).toHaveLength(3);
  });
});
