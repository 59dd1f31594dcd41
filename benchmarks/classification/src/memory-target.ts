import type { MemoryReport } from '@prismq/profiling';

/** The memory target in `benchmarks/targets.json` the typical workload is checked against. */
export const TYPICAL_WORKLOAD_TARGET_ID = 'classification-memory-typical';

/** How one memory report compares with a budget. */
export interface MemoryVerdict {
  readonly name: string;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  readonly budgetBytes: number;
  /** Peak RSS (the whole process, the stricter reading) below the budget. */
  readonly withinBudget: boolean;
  /** Heap after each forced GC of the repeated calls rose every time: a possible leak. */
  readonly heapKeepsGrowing: boolean;
}

/** Compares a memory report's peak RSS with `budgetBytes` and looks for steady heap growth. */
export function judgeMemory(report: MemoryReport, budgetBytes: number): MemoryVerdict {
  const series = report.heapAfterRepeatedCalls ?? [];
  const heapKeepsGrowing =
    series.length >= 3 && series.every((value, i) => i === 0 || value > (series[i - 1] as number));
  return {
    name: report.name,
    peakRssBytes: report.peak.rss,
    peakHeapBytes: report.peak.heapUsed,
    budgetBytes,
    withinBudget: report.peak.rss < budgetBytes,
    heapKeepsGrowing,
  };
}

/** One line for the console: name, peaks, budget and verdict. */
export function formatVerdict(verdict: MemoryVerdict): string {
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const status = verdict.withinBudget ? 'within' : 'OVER';
  const leak = verdict.heapKeepsGrowing
    ? ' (heap grows after every repeated call: possible leak)'
    : '';
  return `${verdict.name}: peak RSS ${mb(verdict.peakRssBytes)}, peak heap ${mb(verdict.peakHeapBytes)}, ${status} the ${mb(verdict.budgetBytes)} budget${leak}`;
}
