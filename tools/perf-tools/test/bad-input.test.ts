import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportGenerator } from '../src/generators/report/generator';
import { ReportOptionsError } from '../src/generators/report/report-options-error';
import { TargetsFileError } from '../src/targets/targets-file-error';
import {
  createPlantedWorkspace,
  plantedCases,
  plantedTargets,
  reportOnDisk,
  treeAt,
} from './workspace-fixture';
import { runOf, writeAt } from './run-document';
import { thrownBy } from './thrown-by';

const roots: string[] = [];
function workspace(): string {
  const root = createPlantedWorkspace();
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function warningRows(root: string): string {
  const report = readFileSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'), 'utf8');
  return report.slice(report.indexOf('## Input warnings'), report.indexOf('## Results per module'));
}

describe('bad inputs', () => {
  it('names a missing project, a truncated file, an unknown version and a quick run in the warnings, and reports the rest', () => {
    const root = workspace();
    const good = JSON.stringify(runOf('beta', plantedCases({ seed: 4 }).slice(0, 2)));
    writeAt(root, 'reports/benchmarks/beta/latest.json', good.slice(0, good.length / 2));
    writeAt(root, 'reports/benchmarks/gamma/latest.json', {
      ...runOf('gamma', plantedCases({ seed: 5 })),
      schemaVersion: 7,
    });
    writeAt(
      root,
      'reports/benchmarks/delta/latest.json',
      runOf('delta', plantedCases({ seed: 6 }), { quick: true }),
    );
    writeAt(root, 'reports/memory/broken_1.memory.json', {
      schemaVersion: 1,
      kind: 'memory',
      name: 'broken',
    });

    const build = reportOnDisk(root, {});
    const warnings = warningRows(root);
    expect(warnings).toMatch(
      /`reports\/benchmarks\/ghost\/latest\.json` \| project "ghost" has a bench target but no results/,
    );
    expect(warnings).toMatch(
      /`reports\/benchmarks\/beta\/latest\.json` \| RESULT_FILE_NOT_JSON: not valid JSON/,
    );
    expect(warnings).toMatch(
      /`reports\/benchmarks\/gamma\/latest\.json` \| RESULT_FILE_UNKNOWN_VERSION: unknown benchmark run schemaVersion 7/,
    );
    expect(warnings).toMatch(
      /`reports\/benchmarks\/delta\/latest\.json` \| quick-mode run refused/,
    );
    expect(warnings).toMatch(/`reports\/memory\/broken_1\.memory\.json` \| RESULT_FILE_INVALID: /);
    expect(build.analysis.cases.every((c) => c.project === 'alpha')).toBe(true);
    expect(build.analysis.cases).toHaveLength(14);
  });

  it('uses a quick run when asked to', () => {
    const root = workspace();
    writeAt(
      root,
      'reports/benchmarks/alpha/latest.json',
      runOf('alpha', plantedCases({ seed: 1 }), { quick: true }),
    );
    const refused = reportOnDisk(root, {});
    expect(refused.analysis.cases).toHaveLength(0);
    const allowed = reportOnDisk(root, { allowQuick: true });
    expect(allowed.analysis.cases).toHaveLength(14);
  });

  it('reads only the run files given with --files', () => {
    const root = workspace();
    writeAt(root, 'elsewhere/run.json', runOf('omega', plantedCases({ seed: 8 }).slice(0, 3)));
    const build = reportOnDisk(root, { files: 'elsewhere/run.json' });
    expect(build.analysis.cases.map((c) => c.file)).toEqual(Array(3).fill('elsewhere/run.json'));
  });

  it('fails on a targets file with a typo, naming the path and the field, and writes nothing', () => {
    const root = workspace();
    writeAt(root, 'benchmarks/targets.json', {
      ...plantedTargets,
      targets: plantedTargets.targets.map((t, i) => (i === 2 ? { ...t, metric: 'p05' } : t)),
    });
    const error = thrownBy(() => reportGenerator(treeAt(root), {}));
    expect(error).toBeInstanceOf(TargetsFileError);
    expect((error as TargetsFileError).code).toBe('TARGETS_FILE_INVALID');
    expect((error as Error).message).toMatch(/^benchmarks\/targets\.json at targets\.2\.metric: /);
    expect(existsSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'))).toBe(false);
    expect(existsSync(join(root, 'reports/charts'))).toBe(false);
  });

  it('fails on an unknown targets-file version and on invalid JSON', () => {
    const root = workspace();
    writeAt(root, 'benchmarks/targets.json', { version: 2, targets: [], memory: [], variants: [] });
    expect(() => reportGenerator(treeAt(root), {})).toThrow(
      /benchmarks\/targets\.json at version: /,
    );
    writeAt(root, 'benchmarks/targets.json', '{"version": 1,');
    expect(thrownBy(() => reportGenerator(treeAt(root), {}))).toMatchObject({
      code: 'TARGETS_FILE_NOT_JSON',
    });
  });

  it('rejects options that contradict each other', () => {
    const root = workspace();
    const error = thrownBy(() =>
      reportGenerator(treeAt(root), { check: true, saveBaseline: true }),
    );
    expect(error).toBeInstanceOf(ReportOptionsError);
    expect((error as Error).message).toMatch(/--check.*--saveBaseline/);
  });
});
