import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runNx as nx, WORKSPACE } from './nx-cli';
import { afterEach, describe, expect, it } from 'vitest';
import { runReport } from '../src/generators/report/generator';
import {
  createPlantedWorkspace,
  plantedCases,
  reportOnDisk,
  snapshotFiles,
  treeAt,
} from './workspace-fixture';
import { runOf, writeAt } from './run-document';

const STALE_CHART = 'reports/charts/gone-cases.svg';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A planted workspace whose reports are already written, then given a slower run and a chart
 * of a module that no longer exists: regenerating must update the reports and drop the chart.
 */
function workspaceWithOutdatedReports(): string {
  const root = createPlantedWorkspace();
  roots.push(root);
  reportOnDisk(root, {});
  writeAt(
    root,
    'reports/benchmarks/alpha/latest.json',
    runOf('alpha', plantedCases({ seed: 1, fastFactor: 3 })),
  );
  writeAt(root, STALE_CHART, '<svg/>');
  return root;
}

describe('report generator writes only through the Nx tree', () => {
  it('records every write and removal in the tree and touches no file until the tree is flushed', () => {
    const root = workspaceWithOutdatedReports();
    const before = snapshotFiles(root);
    const tree = treeAt(root);
    runReport(tree, {});
    expect(snapshotFiles(root)).toEqual(before);
    const changes = new Map(tree.listChanges().map((c) => [c.path, c.type]));
    expect(changes.get('reports/PERFORMANCE_BASELINE_REPORT.md')).toBe('UPDATE');
    expect(changes.get('reports/index.html')).toBe('UPDATE');
    expect(changes.get(STALE_CHART)).toBe('DELETE');
  });

  it('`nx g @prismq/perf-tools:report --dry-run` leaves the workspace byte for byte unchanged; without it the reports change', () => {
    const root = workspaceWithOutdatedReports();
    // Nx transpiles local TypeScript plugins with the workspace's base tsconfig.
    cpSync(join(WORKSPACE, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
    mkdirSync(join(root, 'node_modules'));
    for (const name of readdirSync(join(WORKSPACE, 'node_modules')))
      if (name !== '.cache')
        symlinkSync(join(WORKSPACE, 'node_modules', name), join(root, 'node_modules', name));
    // Nx keeps its own workspace data in .nx/; everything else is the workspace.
    const withoutModules = () => snapshotFiles(root, ['node_modules', '.nx']);
    const before = withoutModules();

    const dry = nx(root, 'g', '@prismq/perf-tools:report', '--dry-run');
    expect(dry.status, dry.output).toBe(0);
    expect(dry.output).toMatch(/UPDATE reports\/PERFORMANCE_BASELINE_REPORT\.md/);
    expect(dry.output).toMatch(/DELETE reports\/charts\/gone-cases\.svg/);
    expect(withoutModules()).toEqual(before);

    const real = nx(root, 'g', '@prismq/perf-tools:report');
    expect(real.status, real.output).toBe(0);
    const after = withoutModules();
    expect(after.has(STALE_CHART)).toBe(false);
    expect(after.get('reports/PERFORMANCE_BASELINE_REPORT.md')).not.toBe(
      before.get('reports/PERFORMANCE_BASELINE_REPORT.md'),
    );
    // The same bytes as the generator computes for these inputs.
    const expected = runReport(treeAt(root), {}).reportFiles;
    for (const file of expected) expect(after.get(file.path), file.path).toBe(file.content);
  }, 120_000);
});
