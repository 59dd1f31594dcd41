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

/**
 * A git repository (in a temp folder named after `prefix`) holding an npm workspace with
 * `libs/*` and `benchmarks/*` and the given files, installed as npm would — the `linked`
 * packages from the registry as links to the monorepo's copies, `@demo/work` as a relative link
 * to its workspace folder — and committed as A.
 */
export function createWorkspaceRepository(
  prefix: string,
  files: Record<string, string>,
  linked: readonly string[] = ['mitata'],
): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const all: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'demo',
      private: true,
      type: 'module',
      workspaces: ['libs/*', 'benchmarks/*'],
    }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'node_modules', '@demo'), { recursive: true });
  for (const name of linked)
    symlinkSync(join(ROOT_NODE_MODULES, name), join(dir, 'node_modules', name), 'dir');
  symlinkSync('../../libs/work', join(dir, 'node_modules', '@demo', 'work'), 'dir');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'A');
  return dir;
}

/** A git repository holding a tiny npm workspace: a library and a benchmark project using it. */
export function createRepository(): string {
  return createWorkspaceRepository('prismq-compare-repo-', {
    '.gitignore': 'node_modules/\nreports/\nout/\n',
    'libs/work/package.json': JSON.stringify({
      name: '@demo/work',
      type: 'module',
      exports: './index.js',
    }),
    'libs/work/index.js': LIBRARY(20000),
    'benchmarks/demo/package.json': JSON.stringify({
      name: '@demo/bench',
      type: 'module',
      scripts: { bench: 'prismq-bench --project demo' },
      dependencies: { '@demo/work': '*' },
      nx: { name: 'demo-bench' },
    }),
    'benchmarks/demo/src/work.bench.ts': BENCH,
  });
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
