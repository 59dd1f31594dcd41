// A throw-away workspace on disk holding planted benchmark results, profiles and targets.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type {
  BenchmarkCase,
  CpuProfileSummary,
  LoadTestReport,
  MemoryReport,
} from '@prismq/profiling';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { runReport } from '../src/generators/report/generator';
import type { ReportOptionsInput } from '../src/generators/report/report-options';
import type { ReportBuild } from '../src/report/build-report';
import type { TargetsFile } from '../src/targets/targets-file-schema';
import { caseFrom, runOf, samplesAround as drawSamples, writeAt } from './run-document';

const MB = 1024 * 1024;

/** Seeds of the sample generator; a different seed is an unchanged re-run. */
export interface PlantOptions {
  readonly seed: number;
  /** Multiplies every sample of `alpha/api/fast` (1.2 = a 20 % slowdown). */
  readonly fastFactor?: number;
  /** Multiplies every sample of every case: the machine running faster or slower. */
  readonly drift?: number;
}

/** The planted cases of project "alpha". */
export function plantedCases({ seed, fastFactor = 1, drift = 1 }: PlantOptions): BenchmarkCase[] {
  const n = 300;
  const samplesAround = (centerNs: number, count: number, sampleSeed: number, spread?: number) =>
    drawSamples(centerNs * drift, count, sampleSeed, spread);
  const cases: BenchmarkCase[] = [
    caseFrom('alpha/text/short', samplesAround(1_000, n, seed + 1), {
      inputSize: 10,
      target: { metric: 'p50', op: '<', value: 10, unit: 'us' },
    }),
    caseFrom('alpha/text/long', samplesAround(400_000, n, seed + 2), { inputSize: 1_000 }),
    caseFrom('alpha/api/fast', samplesAround(2_000 * fastFactor, n, seed + 3), {
      // Also stated in the targets file, which takes precedence.
      target: { metric: 'p50', op: '<', value: 5, unit: 'ms' },
    }),
    caseFrom('alpha/api/slow', samplesAround(3_000_000, n, seed + 4)),
    caseFrom('alpha/api/near', samplesAround(1_500_000, n, seed + 5)),
    caseFrom('alpha/api/noisy', samplesAround(10_000, n, seed + 6, 0.6)),
  ];
  for (const size of [10, 100, 1_000, 10_000]) {
    // Planted growth: a quadratic and a linear function of the input size.
    cases.push(
      caseFrom(
        `alpha/sweep/quadratic-${size}`,
        samplesAround(5 * size * size + 200, n, seed + size),
        {
          args: { size },
          inputSize: size,
        },
      ),
      caseFrom(`alpha/sweep/linear-${size}`, samplesAround(50 * size + 200, n, seed + size + 7), {
        args: { size },
        inputSize: size,
      }),
    );
  }
  return cases;
}

/** The targets file of the fixture workspace. */
export const plantedTargets: TargetsFile = {
  version: 1,
  targets: [
    {
      id: 'alpha-fast',
      module: 'alpha',
      description: 'fast call',
      source: 'bench',
      case: 'alpha/api/fast',
      metric: 'p50',
      op: '<',
      value: 1,
      unit: 'ms',
    },
    {
      id: 'alpha-slow',
      module: 'alpha',
      description: 'slow call',
      source: 'bench',
      case: 'alpha/api/slow',
      metric: 'p50',
      op: '<',
      value: 1,
      unit: 'ms',
    },
    {
      id: 'alpha-near',
      module: 'alpha',
      description: 'near call',
      source: 'bench',
      case: 'alpha/api/near',
      metric: 'p50',
      op: '<',
      value: 1,
      unit: 'ms',
    },
    {
      id: 'alpha-throughput',
      module: 'alpha',
      description: 'batch throughput',
      source: 'bench',
      case: 'alpha/api/fast',
      metric: 'throughput',
      itemsPerOp: 10,
      op: '>',
      value: 1000,
      unit: 'items/s',
    },
    {
      id: 'alpha-http-p95',
      module: 'alpha',
      description: 'GET p95',
      source: 'load',
      case: 'alpha/http/get',
      metric: 'p95',
      op: '<',
      value: 100,
      unit: 'ms',
    },
  ],
  memory: [
    {
      id: 'alpha-memory',
      module: 'alpha',
      description: 'memory per session',
      metric: 'peakHeapUsed',
      op: '<',
      value: 100,
      unit: 'MB',
    },
  ],
  variants: [{ case: 'alpha/text/long', of: 'alpha/text/short' }],
};

function memoryReport(name: string, peakHeapMb: number, series: number[]): MemoryReport {
  const snapshot = {
    heapUsed: 20 * MB,
    heapTotal: 40 * MB,
    rss: 80 * MB,
    external: MB,
    arrayBuffers: 0,
  };
  return {
    schemaVersion: 1,
    kind: 'memory',
    name,
    timestamp: '2026-01-10T10:06:00.000Z',
    wallMs: 120,
    sampleIntervalMs: 5,
    samples: 24,
    before: snapshot,
    after: { ...snapshot, heapUsed: 30 * MB },
    peak: { heapUsed: peakHeapMb * MB, rss: 200 * MB },
    increase: { heapUsed: 10 * MB, heapTotal: 0, rss: 0, external: 0 },
    heapAfterRepeatedCalls: series.map((v) => v * MB),
  };
}

function timing(functionName: string, location: string, selfPercent: number) {
  return {
    functionName,
    url: location.split(':')[0]!,
    line: Number(location.split(':')[1]),
    column: 0,
    location,
    selfMs: selfPercent * 5,
    totalMs: selfPercent * 5,
    selfPercent,
    totalPercent: selfPercent,
    hitCount: selfPercent * 10,
  };
}

// Profilers report absolute paths; the report must show them relative to the workspace.
function cpuSummary(root: string): CpuProfileSummary {
  return {
    schemaVersion: 1,
    kind: 'cpu',
    name: 'alpha-scoring',
    timestamp: '2026-01-10T10:07:00.000Z',
    wallMs: 520,
    profileMs: 500,
    sampleIntervalUs: 100,
    totalSamples: 5000,
    profilePath: 'reports/cpu/alpha-scoring_1.cpuprofile',
    topSelf: [
      timing('(garbage collector)', ':0', 45),
      timing('hotLoop', `${root}/src/scorer.ts:12`, 40),
      timing('tokenize', 'src/tokens.ts:3', 10),
    ],
    topTotal: [],
  };
}

const loadReport: LoadTestReport = {
  schemaVersion: 1,
  kind: 'load',
  project: 'alpha',
  timestamp: '2026-01-10T10:08:00.000Z',
  quick: false,
  cases: [
    {
      id: 'alpha/http/get',
      description: 'GET at 50 connections',
      metrics: [{ name: 'p95', value: 2.5, unit: 'ms' }],
      settings: { connections: 50 },
    },
  ],
};

/** Creates a workspace with project "alpha" (results), "ghost" (bench target, no results). */
export function createPlantedWorkspace(plant: PlantOptions = { seed: 1 }): string {
  const root = mkdtempSync(join(tmpdir(), 'perf-tools-report-'));
  writeAt(root, 'nx.json', {});
  writeAt(root, 'package.json', { name: 'fixture', private: true, workspaces: ['benchmarks/*'] });
  for (const name of ['alpha', 'ghost']) {
    writeAt(root, `benchmarks/${name}/package.json`, {
      name: `@fixture/bench-${name}`,
      private: true,
      scripts: { bench: `node ../../runner.js --project ${name}` },
      nx: { name: `${name}-bench` },
    });
  }
  writeAt(root, 'benchmarks/targets.json', plantedTargets);
  writeAt(root, 'reports/benchmarks/alpha/latest.json', runOf('alpha', plantedCases(plant)));
  writeAt(
    root,
    'reports/memory/alpha-session_1.memory.json',
    memoryReport('alpha-session', 150, [10, 12, 14, 16, 18]),
  );
  writeAt(
    root,
    'reports/memory/alpha-steady_1.memory.json',
    memoryReport('alpha-steady', 40, [10, 10.1, 10, 10.1, 10]),
  );
  writeAt(root, 'reports/cpu/alpha-scoring_1.cpu.json', cpuSummary(root));
  writeAt(root, 'reports/load/alpha.json', loadReport);
  return root;
}

/** A tree over the workspace, as `nx g` gives a generator. */
export function treeAt(root: string): FsTree {
  return new FsTree(root, false);
}

/** Runs the report generator on the workspace and flushes its changes to disk, as `nx g` does. */
export function reportOnDisk(root: string, options: ReportOptionsInput): ReportBuild {
  const tree = treeAt(root);
  const build = runReport(tree, options);
  flushChanges(root, tree.listChanges());
  return build;
}

/** Every file under `dir` (relative path → content), but for the top-level folders in `skip`. */
export function snapshotFiles(dir: string, skip: readonly string[] = []): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (current === dir && skip.includes(name)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}
