import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTargetsFile } from '../src/targets/parse-targets-file';
import { TargetsFileError } from '../src/targets/targets-file-error';
import { caseFrom, runOf, samplesAround, writeAt } from './run-document';
import {
  createPlantedWorkspace,
  plantedCases,
  plantedTargets,
  reportOnDisk,
} from './workspace-fixture';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

// alpha/api/fast has its p50 near 2 µs and alpha/text/short near 1 µs: a ratio near 2.
const relative = (id: string, ratio: number, relativeTo: string) => ({
  id,
  module: 'alpha',
  description: `fast call within ${ratio}× of ${relativeTo}`,
  source: 'bench' as const,
  case: 'alpha/api/fast',
  metric: 'p50' as const,
  op: '<=' as const,
  ratio,
  relativeTo,
});

function workspaceWith(targets: object[]): string {
  const root = createPlantedWorkspace({ seed: 1 });
  roots.push(root);
  writeAt(root, 'benchmarks/targets.json', { ...plantedTargets, targets });
  return root;
}

function targetRows(root: string): string {
  const report = readFileSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'), 'utf8');
  return report.slice(report.indexOf('## Targets vs actual'), report.indexOf('## Scaling'));
}

describe('targets relative to a case of the same run', () => {
  it('is met or missed by the ratio of the two medians, and shows the bound and the ratio', () => {
    const root = workspaceWith([
      relative('fast-within-3x', 3, 'alpha/text/short'),
      relative('fast-within-1-5x', 1.5, 'alpha/text/short'),
    ]);
    const build = reportOnDisk(root, {});
    const [met, missed] = build.analysis.targetResults;
    expect(met).toMatchObject({ status: 'met', subject: 'alpha/api/fast' });
    expect(met!.measured).toBeGreaterThan(1.95);
    expect(met!.measured).toBeLessThan(2.05);
    expect(met!.margin).toBeCloseTo(3 / met!.measured!, 10);
    expect(missed).toMatchObject({ status: 'missed' });
    const findings = build.findings.filter((f) => f.rule === 'missed-target');
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([['alpha/api/fast', 'high']]);
    expect(findings[0]!.title).toMatch(
      /^fast call within 1\.5× of alpha\/text\/short: target ≤ 1\.5 × `alpha\/text\/short` missed by 1\.3\d×$/,
    );
    const rows = targetRows(root);
    expect(rows).toMatch(
      /\| `alpha\/api\/fast` \| p50 \| ≤ 3 × `alpha\/text\/short` \| (?:1\.9\d|2\.0\d)× \| 1\.\d+× better \| ✅ met \|/,
    );
    expect(rows).toMatch(
      /≤ 1\.5 × `alpha\/text\/short` \| (?:1\.9\d|2\.0\d)× \| 1\.3\d× worse \| ❌ missed \|/,
    );
  });

  it('does not move when the whole machine runs slower', () => {
    const root = workspaceWith([relative('fast-within-3x', 3, 'alpha/text/short')]);
    const before = reportOnDisk(root, {}).analysis.targetResults[0]!.measured!;
    writeAt(
      root,
      'reports/benchmarks/alpha/latest.json',
      runOf('alpha', plantedCases({ seed: 1, drift: 1.4 })),
    );
    const after = reportOnDisk(root, {}).analysis.targetResults[0]!.measured!;
    expect(after).toBeCloseTo(before, 10);
  });

  it('is not evaluated when the reference case is missing from the run, with the reason', () => {
    const root = workspaceWith([relative('fast-vs-gone', 3, 'alpha/text/gone')]);
    writeAt(
      root,
      'reports/benchmarks/beta/latest.json',
      runOf('beta', [caseFrom('beta/read/floor', samplesAround(500, 50, 3))]),
    );
    const targets = [
      relative('fast-vs-gone', 3, 'alpha/text/gone'),
      relative('fast-vs-beta', 3, 'beta/read/floor'),
    ];
    writeAt(root, 'benchmarks/targets.json', { ...plantedTargets, targets });
    const build = reportOnDisk(root, {});
    const results = build.analysis.targetResults.filter((r) => r.target.id.startsWith('fast-vs'));
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      [
        'not evaluated',
        'reference case "alpha/text/gone" is not in the run reports/benchmarks/alpha/latest.json',
      ],
      [
        'not evaluated',
        'reference case "beta/read/floor" is in another run (reports/benchmarks/beta/latest.json); a ratio is only taken within one run',
      ],
    ]);
    expect(build.findings.filter((f) => f.rule === 'missed-target')).toEqual([]);
    expect(targetRows(root)).toContain(
      '| — | — | ⚠️ not evaluated (reference case "alpha/text/gone" is not in the run reports/benchmarks/alpha/latest.json) |',
    );
    expect(readFileSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'), 'utf8')).toContain(
      'missed, 0 not measured, 2 not evaluated (of ',
    );
  });

  it('rejects a target that mixes both bounds, lacks a half of one, or refers to itself', () => {
    const file = (target: object) =>
      JSON.stringify({ version: 1, targets: [target], memory: [], variants: [] });
    const bad = (target: object) => {
      try {
        parseTargetsFile(file(target), 'targets.json');
      } catch (error) {
        expect(error).toBeInstanceOf(TargetsFileError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    const good = relative('ok', 2, 'alpha/text/short');
    expect(parseTargetsFile(file(good), 'targets.json').targets[0]).toEqual(good);
    expect(bad({ ...good, value: 1, unit: 'ms' })).toMatch(
      /^targets\.json at targets\.0\.relativeTo: a target is either absolute/,
    );
    const { ratio: _ratio, ...noRatio } = good;
    expect(bad(noRatio)).toBe(
      'targets.json at targets.0.ratio: a relative target needs both ratio and relativeTo',
    );
    expect(bad({ ...good, relativeTo: good.case })).toBe(
      'targets.json at targets.0.relativeTo: a case cannot be its own reference',
    );
    expect(bad({ ...good, relativeTo: 'not-a-case' })).toMatch(
      /^targets\.json at targets\.0\.relativeTo: case id/,
    );
    const { ratio: _r, relativeTo: _t, ...unbounded } = good;
    expect(bad(unbounded)).toBe(
      'targets.json at targets.0.value: a target needs value and unit (or ratio and relativeTo)',
    );
  });
});
