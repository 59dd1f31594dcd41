import { linearRegression } from 'simple-statistics';
import type { MemoryReport } from '@prismq/profiling';
import type { Analysis } from '../analysis/analysis';
import { moduleOfScenario } from '../analysis/scenario-module';
import { formatBytes, formatMeasure, formatOp, formatNumber } from '../markdown/format-value';
import type { Finding } from './finding';

/** Heap must grow by at least this much over the repeated calls to count as growing. */
const MIN_GROWTH_BYTES = 1024 * 1024;
/** …and by at least this fraction of the first value. */
const MIN_GROWTH_FRACTION = 0.05;
/** Share of steps that must not go down for the growth to count as steady. */
const MIN_RISING_STEPS = 0.75;

function keepsGrowing(series: readonly number[]): { growth: number; slope: number } | undefined {
  if (series.length < 3) return undefined;
  const first = series[0]!;
  const growth = series[series.length - 1]! - first;
  let rising = 0;
  for (let i = 1; i < series.length; i++) if (series[i]! >= series[i - 1]!) rising++;
  const { m } = linearRegression(series.map((v, i) => [i, v]));
  const steady = rising / (series.length - 1) >= MIN_RISING_STEPS;
  if (m > 0 && steady && growth > Math.max(MIN_GROWTH_BYTES, first * MIN_GROWTH_FRACTION))
    return { growth, slope: m };
  return undefined;
}

function growthFinding(file: string, report: MemoryReport, module: string): Finding | undefined {
  const series = report.heapAfterRepeatedCalls;
  const growing = series ? keepsGrowing(series) : undefined;
  if (!series || !growing) return undefined;
  return {
    rule: 'memory-growth',
    severity: 'medium',
    effort: 'medium',
    module,
    subject: report.name,
    title: `${report.name}: heap keeps growing across repeated calls (possible leak)`,
    evidence: [
      `heap after GC over ${series.length} calls: ${formatBytes(series[0]!)} → ${formatBytes(series[series.length - 1]!)}`,
      `about ${formatBytes(growing.slope)} retained per call`,
    ],
    files: [file],
    impact: 'A long-running process that repeats this call will run out of memory.',
    recommendation:
      'Take two heap snapshots some calls apart and look for caches, listeners or module-level arrays that are never released.',
  };
}

/**
 * Memory reports over their module's target → high; heap that keeps rising after GC across
 * repeated calls → medium.
 */
export function memoryRule(analysis: Analysis): Finding[] {
  const findings: Finding[] = [];
  for (const result of analysis.targetResults) {
    if (result.status !== 'missed' || 'source' in result.target) continue;
    const t = result.target;
    findings.push({
      rule: 'memory-over-target',
      severity: 'high',
      effort: 'medium',
      module: t.module,
      subject: result.subject,
      title: `${result.subject}: ${t.metric} ${formatMeasure(result.measured ?? 0, t.unit)} over the ${t.module} target of ${formatMeasure(t.value, t.unit)}`,
      evidence: [
        `target ${t.id}: ${t.metric} ${formatOp(t.op)} ${formatMeasure(t.value, t.unit)} (${t.description})`,
        `measured: ${formatMeasure(result.measured ?? 0, t.unit)} (${formatNumber(1 / (result.margin ?? 1))}× the target)`,
      ],
      files: result.file ? [result.file] : [],
      impact:
        'The module needs more memory than its target allows; several sessions at once may exhaust the host.',
      recommendation:
        'Check the top allocation sites of the memory report and stream or reuse the largest buffers.',
    });
  }
  const modules = [
    ...new Set([
      ...analysis.cases.map((c) => c.case.module),
      ...analysis.memoryTargets.map((t) => t.module),
    ]),
  ];
  for (const report of analysis.memoryReports) {
    const finding = growthFinding(
      report.file,
      report.data,
      moduleOfScenario(report.data.name, modules),
    );
    if (finding) findings.push(finding);
  }
  return findings;
}
