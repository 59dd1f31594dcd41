import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProjectConfiguration, readJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { parseBenchmarkRun } from '@prismq/profiling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkGenerator } from '../src/generators/benchmark/generator';
import { BenchmarkProjectError } from '../src/generators/benchmark/benchmark-project-error';
import { runNx, WORKSPACE } from './nx-cli';
import { writeAt } from './run-document';

function addPackageProject(tree: Tree, name: string, root: string, packageName: string): void {
  addProjectConfiguration(tree, name, { root, projectType: 'library' });
  writeJson(tree, `${root}/package.json`, {
    name: packageName,
    peerDependencies: { mitata: '^1.0.34' },
  });
}

describe('benchmark generator, on a virtual tree', () => {
  it('creates the project files, the bench and profile targets and the dependency on the library', async () => {
    const tree = createTreeWithEmptyWorkspace();
    addPackageProject(tree, 'widget', 'libs/widget', '@acme/widget');
    addPackageProject(tree, 'profiling', 'libs/profiling', '@prismq/profiling');
    await benchmarkGenerator(tree, { project: 'widget' });

    const pkg = readJson<object>(tree, 'benchmarks/widget/package.json');
    expect(pkg).toHaveProperty('name', '@acme/bench-widget');
    expect(pkg).toHaveProperty('nx', { name: 'widget-bench', tags: ['type:bench'] });
    expect(pkg).toHaveProperty(
      'scripts.bench',
      'node ../../libs/profiling/dist/cli.js --project widget',
    );
    expect(pkg).toHaveProperty(
      'scripts.profile',
      'PRISMQ_PROFILE_DIR=../../reports node --expose-gc --import tsx src/profile.ts',
    );
    expect(pkg).toHaveProperty('dependencies', {
      '@acme/widget': '*',
      '@prismq/profiling': '*',
      mitata: '^1.0.34',
    });
    const bench = tree.read('benchmarks/widget/src/widget.bench.ts', 'utf-8')!;
    expect(bench).toContain("from '@acme/widget'");
    expect(bench).toContain("bench('widget/smoke/exports'");
    expect(tree.read('benchmarks/widget/src/profile.ts', 'utf-8')).toContain(
      "name: 'widget-smoke'",
    );
    expect(readJson<object>(tree, 'benchmarks/widget/tsconfig.json')).toHaveProperty(
      'extends',
      '../../tsconfig.base.json',
    );
  });

  it('refuses an unknown library, an existing folder and a workspace without the runner', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await expect(benchmarkGenerator(tree, { project: 'nope' })).rejects.toMatchObject({
      code: 'BENCHMARK_LIBRARY_NOT_FOUND',
      message: expect.stringContaining('"nope"'),
    });
    addPackageProject(tree, 'widget', 'libs/widget', '@acme/widget');
    await expect(benchmarkGenerator(tree, { project: 'widget' })).rejects.toMatchObject({
      code: 'BENCHMARK_RUNNER_NOT_FOUND',
    });
    addPackageProject(tree, 'profiling', 'libs/profiling', '@prismq/profiling');
    tree.write('benchmarks/widget/README.md', 'taken');
    const error = await benchmarkGenerator(tree, { project: 'widget' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchmarkProjectError);
    expect((error as Error).message).toContain('benchmarks/widget already exists');
    await expect(benchmarkGenerator(tree, { project: 'Widget' })).rejects.toMatchObject({
      code: 'BENCHMARK_OPTIONS_INVALID',
    });
  });
});

describe('benchmark generator, in a real temporary Nx workspace', () => {
  let root: string;

  const nx = (...args: string[]) => runNx(root, ...args);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'perf-tools-bench-'));
    writeAt(root, 'nx.json', {});
    // Nx transpiles local TypeScript plugins with the workspace's base tsconfig.
    cpSync(join(WORKSPACE, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
    writeAt(root, 'package.json', {
      name: 'fixture',
      private: true,
      workspaces: ['libs/*', 'benchmarks/*'],
    });
    writeAt(root, 'libs/widget/package.json', {
      name: '@fixture/widget',
      version: '0.0.0',
      type: 'module',
      exports: './index.js',
      nx: { name: 'widget' },
    });
    writeAt(
      root,
      'libs/widget/index.js',
      'export const area = (w, h) => w * h;\nexport const perimeter = (w, h) => 2 * (w + h);\n',
    );
    // The real runner, built: the bench target runs it exactly as in this monorepo.
    mkdirSync(join(root, 'libs/profiling'), { recursive: true });
    cpSync(
      join(WORKSPACE, 'libs/profiling/package.json'),
      join(root, 'libs/profiling/package.json'),
    );
    cpSync(join(WORKSPACE, 'libs/profiling/dist'), join(root, 'libs/profiling/dist'), {
      recursive: true,
    });
    // node_modules: the monorepo's packages, plus the fixture library as npm workspaces would link it.
    mkdirSync(join(root, 'node_modules/@fixture'), { recursive: true });
    for (const name of readdirSync(join(WORKSPACE, 'node_modules'))) {
      if (name === '.cache' || name === '@fixture') continue;
      symlinkSync(join(WORKSPACE, 'node_modules', name), join(root, 'node_modules', name));
    }
    symlinkSync(join(root, 'libs/widget'), join(root, 'node_modules/@fixture/widget'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('`nx g @prismq/perf-tools:benchmark --project widget` then `nx run widget-bench:bench` measures the first case', () => {
    const generated = nx('g', '@prismq/perf-tools:benchmark', '--project', 'widget');
    expect(generated.status, generated.output).toBe(0);
    expect(existsSync(join(root, 'benchmarks/widget/src/widget.bench.ts'))).toBe(true);

    const graph = nx('graph', '--file=graph.json');
    expect(graph.status, graph.output).toBe(0);
    const graphFile: unknown = JSON.parse(readFileSync(join(root, 'graph.json'), 'utf8'));
    expect(graphFile).toHaveProperty(
      ['graph', 'dependencies', 'widget-bench'],
      expect.arrayContaining([expect.objectContaining({ target: 'widget' })]),
    );

    const ran = nx('run', 'widget-bench:bench', '--', '--quick');
    expect(ran.status, ran.output).toBe(0);
    const run = parseBenchmarkRun(
      JSON.parse(readFileSync(join(root, 'reports/benchmarks/widget/latest.json'), 'utf8')),
      'latest.json',
    );
    expect(run.project).toBe('widget');
    expect(run.cases.map((c) => c.id)).toEqual(['widget/smoke/exports']);
    expect(run.cases[0]!.stats.p50).toBeGreaterThan(0);

    const profiled = nx('run', 'widget-bench:profile');
    expect(profiled.status, profiled.output).toBe(0);
    const written = [
      ...readdirSync(join(root, 'reports/cpu')),
      ...readdirSync(join(root, 'reports/memory')),
    ];
    const summaries = written
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/_[^.]*\./, '_*.'));
    expect(summaries.sort()).toEqual(['widget-smoke_*.cpu.json', 'widget-smoke_*.memory.json']);
  }, 90_000);
});
