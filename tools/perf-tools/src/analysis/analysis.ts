import type { CompareDocument, CpuProfileSummary, MemoryReport } from '@prismq/profiling';
import type { ReportInputs, Sourced } from '../inputs/report-inputs';
import type { MemoryTarget, Variant } from '../targets/targets-file-schema';
import {
  compareWithBaseline,
  type BaselineJudgement,
  type CaseComparison,
  type ComparisonPolicy,
} from './baseline-comparison';
import { embeddedTargets } from './embedded-targets';
import type { MeasuredCase } from './measured-case';
import { collectSweeps, type SweepSeries } from './sweep-series';
import { evaluateTargets, type TargetResult } from './target-evaluation';

/** Everything derived from the inputs that the rules and the reports read. */
export interface Analysis {
  readonly cases: readonly MeasuredCase[];
  readonly baselineCases: readonly MeasuredCase[];
  readonly sweeps: readonly SweepSeries[];
  readonly targetResults: readonly TargetResult[];
  /** Per project with a baseline: whether its deltas are judged, and if not, why. */
  readonly baselineJudgements: readonly BaselineJudgement[];
  /** Deltas against the baseline, for projects that no paired comparison decides. */
  readonly comparisons: readonly CaseComparison[];
  /** Paired comparisons (`prismq-bench compare`); their verdicts are the regression findings. */
  readonly pairedComparisons: readonly Sourced<CompareDocument>[];
  readonly variants: readonly Variant[];
  readonly memoryTargets: readonly MemoryTarget[];
  readonly memoryReports: readonly Sourced<MemoryReport>[];
  readonly cpuProfiles: readonly Sourced<CpuProfileSummary>[];
  readonly policy: ComparisonPolicy;
}

function flatten(runs: ReportInputs['runs']): MeasuredCase[] {
  return runs.flatMap((run) =>
    run.data.cases.map((c) => ({ project: run.data.project, file: run.file, case: c })),
  );
}

/** Derives the analysis (cases, sweeps with fits, target verdicts, baseline comparison). */
export function analyzeInputs(inputs: ReportInputs, policy: ComparisonPolicy): Analysis {
  const cases = flatten(inputs.runs);
  const baselineCases = flatten(inputs.baselines);
  const baseline = compareWithBaseline(inputs, policy);
  return {
    cases,
    baselineCases,
    sweeps: collectSweeps(cases),
    targetResults: evaluateTargets(
      {
        targets: [...inputs.targets.targets, ...embeddedTargets(cases, inputs.targets.targets)],
        memory: inputs.targets.memory,
      },
      cases,
      inputs.loadReports,
      inputs.memoryReports,
    ),
    baselineJudgements: baseline.judgements,
    comparisons: baseline.comparisons,
    pairedComparisons: inputs.compares,
    variants: inputs.targets.variants,
    memoryTargets: inputs.targets.memory,
    memoryReports: inputs.memoryReports,
    cpuProfiles: inputs.cpuProfiles,
    policy,
  };
}
