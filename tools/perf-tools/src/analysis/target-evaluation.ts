import { quantileSorted } from 'simple-statistics';
import type { LoadTestReport, MemoryReport } from '@prismq/profiling';
import type { Sourced } from '../inputs/report-inputs';
import type {
  BenchTarget,
  CaseTarget,
  LoadTarget,
  MemoryTarget,
} from '../targets/targets-file-schema';
import { convertUnit } from '../targets/unit-conversion';
import type { MeasuredCase } from './measured-case';

/** Whether a target was met. */
export type TargetStatus = 'met' | 'missed' | 'not measured';

/** One target checked against its measurement. */
export interface TargetResult {
  readonly target: CaseTarget | MemoryTarget;
  /** The case or memory scenario measured. */
  readonly subject: string;
  readonly status: TargetStatus;
  /** Measured value in the target's unit. */
  readonly measured?: number;
  /**
   * How many times better than the target the measurement is: 2 means twice as fast (or half
   * the memory); below 1 the target is missed by 1 / margin.
   */
  readonly margin?: number;
  /** File the measurement came from. */
  readonly file?: string;
  /** Why a target is not measured. */
  readonly reason?: string;
}

function judge(
  target: CaseTarget | MemoryTarget,
  subject: string,
  measured: number,
  file: string,
): TargetResult {
  const lowerIsBetter = target.op === '<' || target.op === '<=';
  const margin = lowerIsBetter ? target.value / measured : measured / target.value;
  const met =
    target.op === '<'
      ? measured < target.value
      : target.op === '<='
        ? measured <= target.value
        : target.op === '>'
          ? measured > target.value
          : measured >= target.value;
  return { target, subject, status: met ? 'met' : 'missed', measured, margin, file };
}

function unmeasured(
  target: CaseTarget | MemoryTarget,
  subject: string,
  reason: string,
  file?: string,
): TargetResult {
  return { target, subject, status: 'not measured', reason, ...(file ? { file } : {}) };
}

function benchMetricNs(measured: MeasuredCase, target: BenchTarget): number | string {
  const { stats, sampleTimes } = measured.case;
  switch (target.metric) {
    case 'p95':
      if (!sampleTimes || sampleTimes.length === 0)
        return 'p95 needs sampleTimes, which this run did not keep';
      return quantileSorted(
        [...sampleTimes].sort((a, b) => a - b),
        0.95,
      );
    case 'opsPerSec':
      return stats.opsPerSec;
    case 'throughput':
      return stats.opsPerSec * (target.itemsPerOp ?? 1);
    default:
      return stats[target.metric];
  }
}

function evaluateBench(target: BenchTarget, cases: readonly MeasuredCase[]): TargetResult {
  const measured = cases.find((c) => c.case.id === target.case);
  if (!measured)
    return unmeasured(target, target.case, `no case "${target.case}" in the benchmark runs`);
  const value = benchMetricNs(measured, target);
  if (typeof value === 'string') return unmeasured(target, target.case, value, measured.file);
  const isRate = target.metric === 'opsPerSec' || target.metric === 'throughput';
  const converted = isRate ? value : convertUnit(value, 'ns', target.unit);
  if (converted === undefined) {
    return unmeasured(
      target,
      target.case,
      `cannot express a time in ${target.unit}`,
      measured.file,
    );
  }
  return judge(target, target.case, converted, measured.file);
}

function evaluateLoad(target: LoadTarget, loads: readonly Sourced<LoadTestReport>[]): TargetResult {
  for (const load of loads) {
    const found = load.data.cases.find((c) => c.id === target.case);
    if (!found) continue;
    const metric = found.metrics.find((m) => m.name === target.metric);
    if (!metric) {
      const names = found.metrics.map((m) => m.name).join(', ');
      return unmeasured(
        target,
        target.case,
        `load case has no metric "${target.metric}" (has: ${names})`,
        load.file,
      );
    }
    const value = convertUnit(metric.value, metric.unit, target.unit);
    if (value === undefined) {
      return unmeasured(
        target,
        target.case,
        `metric unit ${metric.unit} is not comparable with ${target.unit}`,
        load.file,
      );
    }
    return judge(target, target.case, value, load.file);
  }
  return unmeasured(target, target.case, `no load-test case "${target.case}"`);
}

function memoryValueBytes(report: MemoryReport, target: MemoryTarget): number {
  switch (target.metric) {
    case 'peakHeapUsed':
      return report.peak.heapUsed;
    case 'peakRss':
      return report.peak.rss;
    case 'heapIncrease':
      return report.increase.heapUsed;
  }
}

/** The memory reports a memory target applies to: names starting with its `match` prefix. */
export function memoryReportsFor(
  target: MemoryTarget,
  reports: readonly Sourced<MemoryReport>[],
): Sourced<MemoryReport>[] {
  const prefix = target.match ?? target.module;
  return reports.filter((r) => r.data.name.startsWith(prefix));
}

/**
 * Checks every target of the targets file against the measurements: bench targets against
 * the runs' cases, load targets against the load reports, memory targets against each memory
 * scenario of the module.
 */
export function evaluateTargets(
  targets: { readonly targets: readonly CaseTarget[]; readonly memory: readonly MemoryTarget[] },
  cases: readonly MeasuredCase[],
  loads: readonly Sourced<LoadTestReport>[],
  memoryReports: readonly Sourced<MemoryReport>[],
): TargetResult[] {
  const results = targets.targets.map((target) =>
    target.source === 'bench' ? evaluateBench(target, cases) : evaluateLoad(target, loads),
  );
  for (const target of targets.memory) {
    const matching = memoryReportsFor(target, memoryReports);
    if (matching.length === 0) {
      results.push(
        unmeasured(target, target.match ?? target.module, 'no memory report of this module'),
      );
      continue;
    }
    for (const report of matching) {
      const value = convertUnit(memoryValueBytes(report.data, target), 'B', target.unit);
      if (value !== undefined) results.push(judge(target, report.data.name, value, report.file));
    }
  }
  return results;
}
