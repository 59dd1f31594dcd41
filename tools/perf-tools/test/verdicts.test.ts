import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportGenerator } from '../src/generators/report/generator';
import { PerfCheckFailedError } from '../src/generators/report/perf-check-failed-error';
import { CompareFileError } from '../src/inputs/compare-file-error';
import { commitOf, compareOf, comparedCase, noiseOf } from './compare-document';
import { runOf, writeAt } from './run-document';
import { thrownBy } from './thrown-by';
import {
  createPlantedWorkspace,
  plantedCases,
  plantedTargets,
  reportOnDisk,
  treeAt,
  type PlantOptions,
} from './workspace-fixture';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');

/**
 * A workspace whose baseline is one run and whose latest.json is a second run, without the
 * critical target of the fixture, so only regressions can fail check mode.
 */
function twoRuns(second: PlantOptions, baselineEnvironment = {}): string {
  const root = createPlantedWorkspace({ seed: 1 });
  roots.push(root);
  writeAt(root, 'benchmarks/targets.json', {
    ...plantedTargets,
    targets: plantedTargets.targets.filter((t) => t.id !== 'alpha-slow'),
  });
  const first = runOf('alpha', plantedCases({ seed: 1 }));
  writeAt(root, 'reports/baseline/alpha.json', {
    ...first,
    environment: { ...first.environment, ...baselineEnvironment },
  });
  writeAt(root, 'reports/benchmarks/alpha/latest.json', runOf('alpha', plantedCases(second)));
  return root;
}

function againstBaseline(root: string): string {
  const report = read(root, 'reports/PERFORMANCE_BASELINE_REPORT.md');
  return report.slice(
    report.indexOf('## Against the baseline'),
    report.indexOf('## CPU hot spots'),
  );
}

// alpha/api/fast may move ±8 % between two runs of this machine; the other cases ±1 %.
const noise = noiseOf('alpha', [
  comparedCase('alpha/api/fast', 1.01, 0.95, 1.08, 'unchanged'),
  comparedCase('alpha/api/slow', 1, 0.99, 1.01, 'unchanged'),
  comparedCase('alpha/api/near', 1, 0.99, 1.01, 'unchanged'),
]);

describe('verdicts against the baseline', () => {
  it('does not judge a baseline from another machine, and raises no regression from it', () => {
    const root = twoRuns(
      { seed: 2, fastFactor: 1.5 },
      { cpuModel: 'Other CPU', v8Version: '12.4' },
    );
    writeAt(root, 'reports/compare/alpha.aa.json', noise);
    const build = reportOnDisk(root, {});
    expect(build.analysis.baselineJudgements).toMatchObject([{ project: 'alpha', judged: false }]);
    expect(build.analysis.baselineJudgements[0]!.reason).toMatch(
      /^baseline from another machine: deltas shown, not judged \(CPU model: Other CPU ≠ Test CPU; V8: 12\.4 ≠ 11\.3\)$/,
    );
    expect(build.analysis.comparisons.every((c) => c.verdict === 'not judged')).toBe(true);
    expect(build.findings.filter((f) => f.rule === 'regression')).toEqual([]);
    const section = againstBaseline(root);
    expect(section).toContain(
      '**Not judged:** baseline from another machine: deltas shown, not judged',
    );
    expect(section).toMatch(
      /`alpha\/api\/fast` \| 2\.\d+ µs \| \d\.\d+ µs \| \+4\d\.\d % \| — \| not judged \|/,
    );
  });

  it('treats a GPU model change as another machine, and a missing GPU list as no information', () => {
    const gpu = (model: string) => ({ gpus: [{ model, driver: '550', memoryBytes: 8e9 }] });
    const root = twoRuns({ seed: 2 }, gpu('RTX 4090'));
    writeAt(root, 'reports/compare/alpha.aa.json', noise);
    const latest = runOf('alpha', plantedCases({ seed: 2 }));
    writeAt(root, 'reports/benchmarks/alpha/latest.json', {
      ...latest,
      environment: { ...latest.environment, ...gpu('A100') },
    });
    expect(reportOnDisk(root, {}).analysis.baselineJudgements[0]!.reason).toMatch(
      /another machine.*GPUs: RTX 4090 ≠ A100/,
    );
    writeAt(root, 'reports/benchmarks/alpha/latest.json', latest);
    expect(reportOnDisk(root, {}).analysis.baselineJudgements[0]!.judged).toBe(true);
  });

  it('without an A/A measurement shows the deltas unjudged and says how to measure the noise', () => {
    const root = twoRuns({ seed: 2, fastFactor: 1.5 });
    const build = reportOnDisk(root, {});
    expect(build.analysis.comparisons.find((c) => c.id === 'alpha/api/fast')).toMatchObject({
      verdict: 'not judged',
    });
    expect(build.findings.filter((f) => f.rule === 'regression')).toEqual([]);
    expect(againstBaseline(root)).toContain(
      'no A/A noise measurement for "alpha": deltas shown, not judged; measure it with `prismq-bench compare --base HEAD --head HEAD --project alpha`',
    );
  });

  it('on the same machine, counts a delta only when it exceeds the case’s A/A noise', () => {
    const root = twoRuns({ seed: 2, fastFactor: 1.06 });
    writeAt(root, 'reports/compare/alpha.aa.json', noise);
    const within = reportOnDisk(root, {});
    const fast = within.analysis.comparisons.find((c) => c.id === 'alpha/api/fast')!;
    expect(fast.ratio).toBeGreaterThan(1.05);
    expect(fast.smallestChange).toBeCloseTo(0.08, 10);
    expect(fast.verdict).toBe('no significant change');
    expect(within.findings.filter((f) => f.rule === 'regression')).toEqual([]);
    // A case the A/A file does not cover is shown but not judged.
    expect(within.analysis.comparisons.find((c) => c.id === 'alpha/text/short')).toMatchObject({
      verdict: 'not judged',
      reason: 'no A/A noise for this case in reports/compare/alpha.aa.json',
    });
    // The tolerance is the floor: ±1 % of A/A noise still needs a 5 % change.
    expect(within.analysis.comparisons.find((c) => c.id === 'alpha/api/slow')!.smallestChange).toBe(
      0.05,
    );
    expect(againstBaseline(root)).toMatch(
      /`alpha\/api\/fast` \| 2\.\d+ µs \| 2\.\d+ µs \| \+\d\.\d+ % \| ±8\.00 % \| no significant change \|/,
    );

    writeAt(
      root,
      'reports/benchmarks/alpha/latest.json',
      runOf('alpha', plantedCases({ seed: 3, fastFactor: 1.2 })),
    );
    const beyond = reportOnDisk(root, {});
    const regressions = beyond.findings.filter((f) => f.rule === 'regression');
    expect(regressions.map((f) => [f.subject, f.severity])).toEqual([['alpha/api/fast', 'high']]);
    expect(regressions[0]!.evidence.join('\n')).toContain('±8.00 %');
    expect(regressions[0]!.files).toEqual([
      'reports/baseline/alpha.json',
      'reports/benchmarks/alpha/latest.json',
    ]);
    const error = thrownBy(() => reportOnDisk(root, { check: true }));
    expect(error).toBeInstanceOf(PerfCheckFailedError);
  });

  it('takes the spread between the A/A rounds as noise when it is wider than the interval', () => {
    // Paired, alpha/api/slow is within ±1 %; its rounds — fresh processes — lie 9 % apart, so an
    // unpaired run may move that much with no change to the code.
    const spread = noiseOf('alpha', [
      { ...comparedCase('alpha/api/slow', 1, 0.99, 1.01, 'unchanged'), roundSpread: 0.09 },
      comparedCase('alpha/api/fast', 1.01, 0.95, 1.08, 'unchanged'),
    ]);
    const root = twoRuns({ seed: 2, fastFactor: 1.06 });
    writeAt(root, 'reports/compare/alpha.aa.json', spread);
    const build = reportOnDisk(root, {});
    expect(build.analysis.comparisons.find((c) => c.id === 'alpha/api/slow')!.smallestChange).toBe(
      0.09,
    );
  });

  it('does not judge against A/A noise measured on another machine', () => {
    const root = twoRuns({ seed: 3, fastFactor: 1.2 });
    writeAt(root, 'reports/compare/alpha.aa.json', {
      ...noise,
      environment: { ...noise.environment, cpuCount: 2 },
    });
    const build = reportOnDisk(root, {});
    expect(build.analysis.baselineJudgements[0]!.reason).toMatch(
      /^A\/A noise reports\/compare\/alpha\.aa\.json was measured on another machine: deltas shown, not judged \(CPU count: 2 ≠ 8\)$/,
    );
    expect(build.findings.filter((f) => f.rule === 'regression')).toEqual([]);
  });
});

describe('check mode on two runs of unchanged code', () => {
  it('passes when the machine drifted: every median a few % slower, one case twice as slow', () => {
    const root = twoRuns({ seed: 2, drift: 1.055, fastFactor: 2.07 / 1.055 });
    const build = reportOnDisk(root, { check: true });
    const fast = build.analysis.comparisons.find((c) => c.id === 'alpha/api/fast')!;
    expect(fast.ratio).toBeGreaterThan(2);
    const slow = build.analysis.comparisons.find((c) => c.id === 'alpha/api/slow')!;
    expect(slow.ratio).toBeGreaterThan(1.04);
    expect(slow.ratio).toBeLessThan(1.07);
    expect(build.blocking).toEqual([]);
    expect(existsSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'))).toBe(false);
  });
});

describe('paired comparisons', () => {
  const paired = compareOf('alpha', [
    comparedCase('alpha/api/fast', 1.12, 1.09, 1.15, 'slower'),
    comparedCase('alpha/api/slow', 0.9, 0.87, 0.93, 'faster'),
    comparedCase('alpha/api/near', 1.01, 0.99, 1.03, 'unchanged'),
  ]);

  it('turns the cases it calls slower into regression findings, and only those', () => {
    // The baseline deltas would be judged (same machine, A/A noise) but the pair decides.
    const root = twoRuns({ seed: 2, fastFactor: 1.5 });
    writeAt(root, 'reports/compare/alpha.aa.json', noise);
    writeAt(root, 'reports/compare/alpha.json', paired);
    const build = reportOnDisk(root, {});
    const regressions = build.findings.filter((f) => f.rule === 'regression');
    expect(regressions.map((f) => [f.subject, f.severity, f.files])).toEqual([
      ['alpha/api/fast', 'high', ['reports/compare/alpha.json']],
    ]);
    expect(regressions[0]!.title).toBe(
      'alpha/api/fast is +12.0 % slower at HEAD than at main (paired comparison)',
    );
    expect(regressions[0]!.evidence[0]).toBe(
      'ratio head/base 1.120, 95 % interval 1.090 … 1.150 over 12 paired rounds (paired rounds, bootstrap of the median ratio, threshold 2 %)',
    );
    expect(build.analysis.comparisons).toEqual([]);
    expect(build.analysis.baselineJudgements[0]!.reason).toBe(
      'the paired comparison reports/compare/alpha.json decides',
    );
    const section = againstBaseline(root);
    expect(section).toContain(
      `base \`main\` (\`${commitOf('a').slice(0, 12)}\`) against head \`HEAD\` (\`${commitOf('b').slice(0, 12)}\`)`,
    );
    expect(section).toMatch(
      /\| `alpha\/api\/fast` \| 2 µs \| 2\.24 µs \| 1\.120 \| 1\.090 … 1\.150 \| 12 \| slower \|/,
    );
    expect(section).toContain(
      '![alpha: head against base, paired comparison](charts/compare-alpha.svg)',
    );
    expect(existsSync(join(root, 'reports/charts/compare-alpha.svg'))).toBe(true);
  });

  it('fails check mode on a slower verdict and passes when the pair finds nothing slower', () => {
    const root = twoRuns({ seed: 2 });
    writeAt(root, 'reports/compare/alpha.json', paired);
    const error = thrownBy(() => reportOnDisk(root, { check: true }));
    expect(error).toBeInstanceOf(PerfCheckFailedError);
    expect((error as Error).message).toContain('[high] alpha/api/fast is +12.0 % slower at HEAD');
    writeAt(root, 'reports/compare/alpha.json', {
      ...paired,
      cases: paired.cases.filter((c) => c.verdict !== 'slower'),
    });
    expect(reportOnDisk(root, { check: true }).blocking).toEqual([]);
  });

  it('never takes a shard of a comparison (compare/shards/) for the whole', () => {
    const root = twoRuns({ seed: 2 });
    writeAt(root, 'reports/compare/shards/alpha.1-of-2.json', paired);
    const build = reportOnDisk(root, {});
    expect(build.findings.filter((f) => f.rule === 'regression')).toEqual([]);
    expect(build.analysis.baselineJudgements[0]!.reason).not.toMatch(/paired comparison/);
  });

  it('warns when the pair measured another commit than the benchmark run', () => {
    const root = twoRuns({ seed: 2 });
    writeAt(root, 'reports/compare/alpha.json', paired);
    reportOnDisk(root, {});
    expect(read(root, 'reports/PERFORMANCE_BASELINE_REPORT.md')).toMatch(
      /`reports\/compare\/alpha\.json` \| compares head bbbbbbbbbbbb, but the benchmark run of "alpha" is of 0123456789ab/,
    );
  });
});

describe('bad compare files', () => {
  function rejects(root: string): CompareFileError {
    const error = thrownBy(() => reportOnDisk(root, {}));
    expect(error).toBeInstanceOf(CompareFileError);
    expect(existsSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'))).toBe(false);
    return error as CompareFileError;
  }

  it('stops with an error naming the file and the field, and writes nothing', () => {
    const root = twoRuns({ seed: 2 });
    writeAt(root, 'reports/compare/alpha.json', {
      ...compareOf('alpha', [comparedCase('alpha/api/fast', 1.1, 1.05, 1.15, 'slower')]),
      cases: [{ ...comparedCase('alpha/api/fast', 1.1, 1.05, 1.15, 'slower'), verdict: 'worse' }],
    });
    const error = rejects(root);
    expect(error.code).toBe('COMPARE_FILE_INVALID');
    expect(error.file).toBe('reports/compare/alpha.json');
    expect(error.message).toMatch(
      /^reports\/compare\/alpha\.json: RESULT_FILE_INVALID: cases\.0\.verdict/,
    );
  });

  it('rejects truncated JSON, a file of another project and an A/A file of two commits', () => {
    const root = twoRuns({ seed: 2 });
    writeAt(root, 'reports/compare/alpha.json', '{"schemaVersion": 1,');
    expect(rejects(root).message).toMatch(/^reports\/compare\/alpha\.json: RESULT_FILE_NOT_JSON/);
    writeAt(root, 'reports/compare/alpha.json', compareOf('beta', []));
    expect(rejects(root)).toMatchObject({
      code: 'COMPARE_FILE_WRONG_PROJECT',
      message: 'reports/compare/alpha.json: holds project "beta" but its name says "alpha"',
    });
    rmSync(join(root, 'reports/compare/alpha.json'));
    writeAt(root, 'reports/compare/alpha.aa.json', compareOf('alpha', []));
    expect(rejects(root)).toMatchObject({
      code: 'COMPARE_FILE_NOT_A_A',
      file: 'reports/compare/alpha.aa.json',
    });
    expect(() => reportGenerator(treeAt(root), { check: true })).toThrow(CompareFileError);
  });
});
