import type { LoadTestReport } from '@prismq/profiling';
import { describe, expect, it } from 'vitest';
import { judgeLoadReport } from '../src/analysis/load-target-verdicts';
import { formatVerdict } from '../src/markdown/target-verdict-line';
import type { TargetsFile } from '../src/targets/targets-file-schema';
import { plantedTargets } from './workspace-fixture';

const loadTarget = (
  id: string,
  module: string,
  loadCase: string,
  metric: string,
  value: number,
  unit: 'ms' | 'GB',
) =>
  ({
    id,
    module,
    description: id,
    source: 'load',
    case: loadCase,
    metric,
    op: '<',
    value,
    unit,
  }) as const;

// The fixture's targets (bench targets and `alpha-http-p95`: GET p95 < 100 ms) and a few more.
const targets: TargetsFile = {
  ...plantedTargets,
  targets: [
    ...plantedTargets.targets,
    loadTarget('aim-alpha-p95', 'alpha', 'alpha/http/get', 'p95', 5, 'ms'),
    loadTarget('alpha-rss', 'alpha', 'alpha/memory/runs', 'rssPeak', 1, 'GB'),
    loadTarget('alpha-gone', 'alpha', 'alpha/http/gone', 'p95', 1, 'ms'),
    loadTarget('beta-p95', 'beta', 'beta/http/get', 'p95', 1, 'ms'),
  ],
};

const report: LoadTestReport = {
  schemaVersion: 1,
  kind: 'load',
  project: 'alpha',
  timestamp: '2026-01-10T10:08:00.000Z',
  quick: true,
  cases: [
    {
      id: 'alpha/http/get',
      description: 'GET',
      metrics: [{ name: 'p95', value: 7.5, unit: 'ms' }],
      settings: {},
    },
    {
      id: 'alpha/memory/runs',
      description: 'runs',
      metrics: [{ name: 'rssPeak', value: 120, unit: 'MB' }],
      settings: {},
    },
  ],
};

describe('load targets judged for a load test', () => {
  it("judges the project's load targets from the targets file, both bounds of a case, in the target's unit", () => {
    const results = judgeLoadReport(targets, { file: 'reports/load/alpha.json', data: report });
    expect(results.map((r) => [r.target.id, r.status])).toEqual([
      ['alpha-http-p95', 'met'],
      ['aim-alpha-p95', 'missed'],
      ['alpha-rss', 'met'],
      ['alpha-gone', 'not measured'],
    ]);
    expect(results[2]!.measured).toBeCloseTo(120 / 1024, 6);
    expect(results.map(formatVerdict)).toEqual([
      'MET   alpha-http-p95  alpha/http/get p95 = 7.50 ms (target < 100 ms)',
      'MISS  aim-alpha-p95  alpha/http/get p95 = 7.50 ms (target < 5 ms)',
      'MET   alpha-rss  alpha/memory/runs rssPeak = 120 MB (target < 1 GB)',
      'N/A   alpha-gone  alpha/http/gone p95 = — (target < 1 ms): no load-test case "alpha/http/gone"',
    ]);
  });
});
