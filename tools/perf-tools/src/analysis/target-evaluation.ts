import type { LoadTestReport, MemoryReport } from '@prismq/profiling';
import type { Sourced } from '../inputs/report-inputs';
import {
  isRelativeTarget,
  type AbsoluteBenchTarget,
  type CaseTarget,
  type LoadTarget,
  type MemoryTarget,
} from '../targets/targets-file-schema';
import { convertUnit } from '../targets/unit-conversion';
import { benchMetric } from './bench-metric';
import type { MeasuredCase } from './measured-case';
import { evaluateRelative } from './relative-target';
import { judge, unjudged, type TargetResult } from './target-result';

export type { TargetResult, TargetStatus } from './target-result';

function evaluateBench(target: AbsoluteBenchTarget, cases: readonly MeasuredCase[]): TargetResult {
  const measured = cases.find((c) => c.case.id === target.case);
  if (!measured)
    return unmeasured(target, target.case, `no case "${target.case}" in the benchmark runs`);
  const value = benchMetric(measured, target);
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
  return judge(target, target.case, converted, target.value, measured.file);
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
    return judge(target, target.case, value, target.value, load.file);
  }
  return unmeasured(target, target.case, `no load-test case "${target.case}"`);
}

function unmeasured(
  target: CaseTarget | MemoryTarget,
  subject: string,
  reason: string,
  file?: string,
): TargetResult {
  return unjudged(target, subject, 'not measured', reason, file);
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
function memoryReportsFor(
  target: MemoryTarget,
  reports: readonly Sourced<MemoryReport>[],
): Sourced<MemoryReport>[] {
  const prefix = target.match ?? target.module;
  return reports.filter((r) => r.data.name.startsWith(prefix));
}

/**
 * Checks every target of the targets file against the measurements: bench targets against
 * the runs' cases (relative ones against their reference case in the same run), load targets against the load reports, memory targets against each memory
 * scenario of the module.
 */
export function evaluateTargets(
  targets: { readonly targets: readonly CaseTarget[]; readonly memory: readonly MemoryTarget[] },
  cases: readonly MeasuredCase[],
  loads: readonly Sourced<LoadTestReport>[],
  memoryReports: readonly Sourced<MemoryReport>[],
): TargetResult[] {
  const results = targets.targets.map((target) =>
    target.source === 'load'
      ? evaluateLoad(target, loads)
      : isRelativeTarget(target)
        ? evaluateRelative(target, cases)
        : evaluateBench(target, cases),
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
      if (value !== undefined)
        results.push(judge(target, report.data.name, value, target.value, report.file));
    }
  }
  return results;
}
