import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_DIR, ROOT_NODE_MODULES } from '../temp-workspace.js';

const CLI = join(PACKAGE_DIR, 'src', 'cli.ts');
// The repository under test has no tsx of its own: the loader is named by its file.
const TSX = pathToFileURL(join(ROOT_NODE_MODULES, 'tsx', 'dist', 'loader.mjs')).href;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Compare Test',
  GIT_AUTHOR_EMAIL: 'compare@example.com',
  GIT_COMMITTER_NAME: 'Compare Test',
  GIT_COMMITTER_EMAIL: 'compare@example.com',
};

export const LIBRARY = (plantedWork: number) => `
export function spin(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}
export function planted() { return spin(${plantedWork}); }
export function steady() { return spin(20000); }
`;

const BENCH = `
import { bench, do_not_optimize } from 'mitata';
import { planted, steady } from '@demo/work';

bench('demo/work/planted', () => do_not_optimize(planted()));
bench('demo/work/steady', () => do_not_optimize(steady()));
`;

/** A git repository holding a tiny npm workspace: a library and a benchmark project using it. */
export function createRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prismq-compare-repo-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: 'demo',
      private: true,
      type: 'module',
      workspaces: ['libs/*', 'benchmarks/*'],
    }),
  );
  write('.gitignore', 'node_modules/\nreports/\nout/\n');
  write(
    'libs/work/package.json',
    JSON.stringify({ name: '@demo/work', type: 'module', exports: './index.js' }),
  );
  write('libs/work/index.js', LIBRARY(20000));
  write(
    'benchmarks/demo/package.json',
    JSON.stringify({
      name: '@demo/bench',
      type: 'module',
      scripts: { bench: 'prismq-bench --project demo' },
      dependencies: { '@demo/work': '*' },
      nx: { name: 'demo-bench' },
    }),
  );
  write('benchmarks/demo/src/work.bench.ts', BENCH);
  // Installed as npm would: mitata from the registry, the workspace library as a relative link.
  mkdirSync(join(dir, 'node_modules', '@demo'), { recursive: true });
  symlinkSync(join(ROOT_NODE_MODULES, 'mitata'), join(dir, 'node_modules', 'mitata'), 'dir');
  symlinkSync('../../libs/work', join(dir, 'node_modules', '@demo', 'work'), 'dir');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'A');
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

export function compare(cwd: string, ...args: string[]) {
  return prismqBench(cwd, 'compare', ...args);
}

/** Runs `prismq-bench <args…>` from the sources, in `cwd`, outside GitHub Actions. */
export function prismqBench(cwd: string, ...args: string[]) {
  return prismqBenchWith({}, cwd, ...args);
}

/** {@link prismqBench} with more environment variables (GitHub Actions', say). */
export function prismqBenchWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env },
    timeout: 240_000,
  });
}

// Six rounds and no extra ones: the planted changes are far beyond any threshold.
export const FAST = ['--rounds', '6', '--max-rounds', '6', '--time', '20'];
