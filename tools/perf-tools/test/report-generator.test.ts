import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBenchmarkRun, type CpuProfileSummary } from '@prismq/profiling';
import { afterEach, describe, expect, it } from 'vitest';
import { reportGenerator } from '../src/generators/report/generator';
import { PerfCheckFailedError } from '../src/generators/report/perf-check-failed-error';
import {
  createPlantedWorkspace,
  plantedTargets,
  reportOnDisk,
  snapshotFiles,
  treeAt,
} from './workspace-fixture';
import { writeAt } from './run-document';
import { thrownBy } from './thrown-by';

const roots: string[] = [];
function workspace(...args: Parameters<typeof createPlantedWorkspace>): string {
  const root = createPlantedWorkspace(...args);
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');

describe('report generator on planted results', () => {
  it('finds the planted quadratic sweep as super-linear with a slope near 2, and not the linear one', () => {
    const root = workspace();
    const build = reportOnDisk(root, {});
    const quadratic = build.analysis.sweeps.find((s) => s.id === 'alpha/sweep/quadratic');
    expect(quadratic?.fit?.slope).toBeGreaterThan(1.9);
    expect(quadratic?.fit?.slope).toBeLessThan(2.1);
    expect(quadratic?.fit?.complexity).toBe('quadratic');
    expect(build.analysis.sweeps.find((s) => s.id === 'alpha/sweep/linear')?.fit?.complexity).toBe(
      'linear',
    );
    const growth = build.findings.filter((f) => f.rule === 'super-linear-growth');
    expect(growth.map((f) => [f.subject, f.severity])).toEqual([['alpha/sweep/quadratic', 'high']]);
    const bottlenecks = read(root, 'reports/BOTTLENECK_IDENTIFICATION.md');
    expect(bottlenecks).toMatch(
      /alpha\/sweep\/quadratic grows faster than linear \(slope (?:1\.9\d|2\.0\d), quadratic\)/,
    );
    expect(bottlenecks).toContain('reports/benchmarks/alpha/latest.json');
  });

  it('rates a target missed by more than 2× critical and a smaller miss high', () => {
    const root = workspace();
    const build = reportOnDisk(root, {});
    const missed = build.findings.filter((f) => f.rule === 'missed-target');
    expect(missed.map((f) => [f.subject, f.severity])).toEqual([
      ['alpha/api/slow', 'critical'],
      ['alpha/api/near', 'high'],
    ]);
    const report = read(root, 'reports/PERFORMANCE_BASELINE_REPORT.md');
    expect(report).toMatch(
      /\| alpha \| fast call \| `alpha\/api\/fast` \| p50 \| < 1 ms \| 2\.0\d µs \| \d+× better \| ✅ met \|/,
    );
    expect(report).toMatch(/GET p95 .* 2\.50 ms .* ✅ met/);
    expect(read(root, 'reports/BOTTLENECK_IDENTIFICATION.md')).toMatch(
      /## Non-bottlenecks[\s\S]*`alpha\/api\/fast`/,
    );
  });

  it('checks targets attached to cases in bench files, unless the targets file states them', () => {
    const root = workspace();
    const build = reportOnDisk(root, {});
    const attached = build.analysis.targetResults.filter((r) => r.target.id === 'alpha/text/short');
    expect(attached.map((r) => [r.status, r.target.description])).toEqual([
      ['met', 'target in the bench file of alpha/text/short'],
    ]);
    expect(attached[0]!.margin).toBeCloseTo(10, 0);
    const onFast = build.analysis.targetResults.filter(
      (r) => r.subject === 'alpha/api/fast' && r.target.metric === 'p50',
    );
    expect(onFast.map((r) => r.target.id)).toEqual(['alpha-fast']);
  });

  it('applies the size-jump, stability, memory and CPU rules with their evidence', () => {
    const root = workspace();
    const build = reportOnDisk(root, {});
    const byRule = (rule: string) => build.findings.filter((f) => f.rule === rule);
    expect(byRule('size-jump').map((f) => [f.subject, f.severity])).toEqual([
      ['alpha/text/long', 'medium'],
    ]);
    const unstable = byRule('unstable-measurement');
    expect(unstable.map((f) => [f.subject, f.severity])).toEqual([['alpha/api/noisy', 'low']]);
    expect(unstable[0]!.evidence[0]).toMatch(
      /^`alpha\/api\/noisy`: CV 3\d\.\d % over 300 samples$/,
    );
    expect(byRule('memory-over-target').map((f) => [f.subject, f.severity])).toEqual([
      ['alpha-session', 'high'],
    ]);
    expect(byRule('memory-growth').map((f) => [f.subject, f.severity])).toEqual([
      ['alpha-session', 'medium'],
    ]);
    const cpu = byRule('cpu-concentration');
    expect(cpu).toHaveLength(1);
    expect(cpu[0]!.title).toContain('hotLoop at src/scorer.ts:12');
    expect(cpu[0]!.files).toEqual(['reports/cpu/alpha-scoring_1.cpu.json']);
  });

  it('sends the reader to the hottest source line of a source-mapped profile, listing its hot lines', () => {
    const root = workspace();
    const path = join(root, 'reports/cpu/alpha-scoring_1.cpu.json');
    const summary = JSON.parse(readFileSync(path, 'utf8')) as CpuProfileSummary;
    const hot = summary.topSelf[1]!;
    summary.topSelf[1] = {
      ...hot,
      url: `file://${root}/libs/alpha/dist/index.js`,
      line: 389,
      location: 'libs/alpha/src/scorer.ts:12',
      builtLocation: `${root}/libs/alpha/dist/index.js:389`,
      mapping: 'mapped',
      source: { file: 'libs/alpha/src/scorer.ts', line: 12, column: 8 },
      lines: [
        { line: 15, selfMs: 150, share: 0.75, ticks: 1500 },
        { line: 13, selfMs: 50, share: 0.25, ticks: 500 },
      ],
    };
    writeFileSync(path, JSON.stringify(summary));
    const cpu = reportOnDisk(root, {}).findings.filter((f) => f.rule === 'cpu-concentration');
    expect(cpu[0]!.title).toContain('hotLoop at libs/alpha/src/scorer.ts:12');
    expect(cpu[0]!.recommendation).toMatch(/^Open libs\/alpha\/src\/scorer\.ts:15, /);
    expect(cpu[0]!.evidence).toContain(
      'hottest lines of hotLoop in libs/alpha/src/scorer.ts: 15 (150 ms, 75 %), 13 (50 ms, 25 %)',
    );
    const report = read(root, 'reports/BOTTLENECK_IDENTIFICATION.md');
    expect(report).toContain('Open libs/alpha/src/scorer.ts:15');
    expect(report).not.toContain('dist/index.js:389,');
  });

  it('says a hot spot is built code when its profile had no usable source map', () => {
    const root = workspace();
    const path = join(root, 'reports/cpu/alpha-scoring_1.cpu.json');
    const summary = JSON.parse(readFileSync(path, 'utf8')) as CpuProfileSummary;
    const location = `${root}/libs/alpha/dist/index.js:389`;
    summary.topSelf[1] = {
      ...summary.topSelf[1]!,
      location,
      builtLocation: location,
      mapping: 'stale',
    };
    writeFileSync(path, JSON.stringify(summary));
    const cpu = reportOnDisk(root, {}).findings.filter((f) => f.rule === 'cpu-concentration');
    expect(cpu[0]!.recommendation).toContain(
      'Open libs/alpha/dist/index.js:389 (built code: its source map was not usable)',
    );
    expect(cpu[0]!.evidence.join('\n')).toContain('source map: stale');
  });

  it('fails check mode on critical findings and regressions, printing them, and writes nothing', () => {
    const root = workspace();
    const error = thrownBy(() => reportGenerator(treeAt(root), { check: true }));
    expect(error).toBeInstanceOf(PerfCheckFailedError);
    expect((error as PerfCheckFailedError).code).toBe('PERF_CHECK_FAILED');
    expect((error as Error).message).toContain('[critical] slow call');
    expect(existsSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'))).toBe(false);
  });

  it('passes check mode when nothing is critical and nothing regressed', () => {
    const root = workspace();
    writeAt(root, 'benchmarks/targets.json', {
      ...plantedTargets,
      targets: plantedTargets.targets.filter((t) => t.id !== 'alpha-slow'),
    });
    const build = reportOnDisk(root, { check: true });
    expect(build.blocking).toEqual([]);
    expect(build.findings.length).toBeGreaterThan(0);
  });

  it('writes byte-identical reports and charts when run twice on the same inputs', () => {
    const root = workspace();
    reportOnDisk(root, {});
    const first = snapshotFiles(join(root, 'reports'));
    reportOnDisk(root, {});
    const second = snapshotFiles(join(root, 'reports'));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, content] of first) expect(second.get(path), path).toBe(content);
    expect([...first.keys()].filter((p) => p.endsWith('.svg')).length).toBeGreaterThanOrEqual(3);
  });

  it('never writes a baseline unless asked', () => {
    const root = workspace();
    reportOnDisk(root, {});
    expect(existsSync(join(root, 'reports/baseline'))).toBe(false);
    reportOnDisk(root, { saveBaseline: true });
    const saved = readBenchmarkRun(join(root, 'reports/baseline/alpha.json'));
    expect(saved.project).toBe('alpha');
    expect(saved.cases).toHaveLength(14);
  });
});
