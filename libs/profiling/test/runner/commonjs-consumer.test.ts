import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBenchmarkRun } from '../../src/results/result-reader.js';
import { installBuiltPackage } from '../installed-package.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

// A bench file as the README shows it, in a project `npm init -y` made (CommonJS by default).
const TS_BENCH = `
import { bench, do_not_optimize } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { countWords } from './text';

bench('demo/text/words', () => do_not_optimize(countWords('a few words of text')));
describeCase('demo/text/words', { inputSize: 5 });
`;
const TS_HELPER = `export function countWords(text: string): number { return text.split(' ').length; }\n`;
const JS_BENCH = `
import { bench, do_not_optimize } from 'mitata';
bench('demo/js/sum', () => do_not_optimize([1, 2, 3].reduce((a, b) => a + b, 0)));
`;

const CJS_CALLER = `
const { runBenchmarks } = require('@prismq/profiling');
runBenchmarks({ project: 'demo', quick: true, outDir: 'api-cjs', print: () => {} }).then(
  (result) => console.log(JSON.stringify(result.run.cases.map((c) => c.id))),
  (error) => { console.error(error.code, error.message); process.exitCode = 1; },
);
`;
const ESM_CALLER = CJS_CALLER.replace(
  "const { runBenchmarks } = require('@prismq/profiling');",
  "import { runBenchmarks } from '@prismq/profiling';",
).replace('api-cjs', 'api-esm');

function node(cwd: string, args: string[]) {
  return spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PRISMQ_BENCH_DIR: '', PRISMQ_BENCH_QUICK: '' },
    timeout: 120_000,
  });
}

const BIN = ['node_modules/@prismq/profiling/dist/cli.js'];

describe('bench files in a CommonJS project (built package)', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    ws.write('package.json', '{ "name": "consumer", "version": "1.0.0", "type": "commonjs" }\n');
  });
  afterEach(() => ws.dispose());

  it('prismq-bench loads a .ts bench file and its .ts import as ES modules sharing mitata with the runner', () => {
    installBuiltPackage(ws.dir, { tsx: true });
    ws.write('src/text.bench.ts', TS_BENCH);
    ws.write('src/text.ts', TS_HELPER);
    ws.write('src/sum.bench.js', JS_BENCH);
    const result = node(ws.dir, [...BIN, '--project', 'demo', '--quick', '--out-dir', 'out']);
    expect(result.status, result.stderr).toBe(0);
    const run = readBenchmarkRun(join(ws.dir, 'out', 'demo', 'latest.json'));
    expect(run.cases.map((c) => c.id).sort()).toEqual(['demo/js/sum', 'demo/text/words']);
    expect(run.cases.find((c) => c.id === 'demo/text/words')?.inputSize).toBe(5);
  });

  it('runBenchmarks works from a CommonJS caller and from an ES module caller', () => {
    installBuiltPackage(ws.dir, { tsx: true });
    ws.write('src/text.bench.ts', TS_BENCH);
    ws.write('src/text.ts', TS_HELPER);
    ws.write('run.cjs', CJS_CALLER);
    ws.write('run.mjs', ESM_CALLER);
    for (const caller of ['run.cjs', 'run.mjs']) {
      const result = node(ws.dir, [caller]);
      expect(result.status, `${caller}: ${result.stderr}`).toBe(0);
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1) as string)).toEqual([
        'demo/text/words',
      ]);
    }
  });

  it('without tsx, a .ts bench file fails with the file and the install command, and .js files still run', () => {
    installBuiltPackage(ws.dir, { tsx: false });
    const tsFile = ws.write('src/text.bench.ts', TS_BENCH);
    ws.write('src/text.ts', TS_HELPER);
    const failed = node(ws.dir, [...BIN, '--project', 'demo', '--quick', '--out-dir', 'out']);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('BENCH_TYPESCRIPT_LOADER_MISSING');
    expect(failed.stderr).toContain(tsFile);
    expect(failed.stderr).toContain('npm install --save-dev tsx');

    ws.write('src/sum.bench.js', JS_BENCH);
    const ran = node(ws.dir, [
      ...BIN,
      '--project',
      'demo',
      '--quick',
      '--out-dir',
      'out',
      'src/sum.bench.js',
    ]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(
      readBenchmarkRun(join(ws.dir, 'out', 'demo', 'latest.json')).cases.map((c) => c.id),
    ).toEqual(['demo/js/sum']);
  });

  it('a file that registers no case gets a message naming the likely causes', () => {
    installBuiltPackage(ws.dir, { tsx: false });
    ws.write('src/empty.bench.js', "import 'mitata';\n");
    const result = node(ws.dir, [...BIN, '--project', 'demo', '--quick', '--out-dir', 'out']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('BENCH_NO_CASES');
    expect(result.stderr).toContain('npm ls mitata');
    expect(result.stderr).toContain('bench() call');
  });
});
