import type { BenchmarkRun, CompareDocument } from '@prismq/profiling';
import type { ReportInputs, Sourced } from '../inputs/report-inputs';
import { machineDifferences } from './machine-fingerprint';
import type { MeasuredCase } from './measured-case';
import { runToRunNoise } from './run-noise';

/** Outcome of comparing a case with its baseline. */
export type ComparisonVerdict = 'faster' | 'slower' | 'no significant change' | 'not judged';

/** One case compared with the same case in the baseline. */
export interface CaseComparison {
  readonly id: string;
  readonly project: string;
  readonly module: string;
  readonly file: string;
  readonly baselineFile: string;
  readonly baselineP50: number;
  readonly currentP50: number;
  /** currentP50 / baselineP50. */
  readonly ratio: number;
  /**
   * The smallest change this machine can see in the case, as a fraction: its run-to-run noise
   * from the A/A measurement, never below the policy's tolerance. Absent when not judged.
   */
  readonly smallestChange?: number;
  readonly verdict: ComparisonVerdict;
  /** Why the case is not judged, when the project is judged but this case cannot be. */
  readonly reason?: string;
}

/** Whether (and against what) the baseline deltas of one project are judged. */
export interface BaselineJudgement {
  readonly project: string;
  readonly baselineFile: string;
  readonly judged: boolean;
  /** Why the deltas are not judged. */
  readonly reason?: string;
  /** The A/A measurement the noise came from, when judged. */
  readonly noiseFile?: string;
}

/** How a difference must look before it counts. */
export interface ComparisonPolicy {
  /**
   * The smallest change ever judged (0.05 = 5 %), even where the A/A noise is smaller: an A/A
   * comparison pairs its rounds, and two runs minutes apart drift more than paired rounds do.
   */
  readonly tolerance: number;
}

/** What the baseline comparison is computed from. */
export type ComparisonInputs = Pick<
  ReportInputs,
  'runs' | 'baselines' | 'compares' | 'noiseMeasurements'
>;

/** The baseline comparison: per project whether it is judged, per case the delta. */
export interface BaselineComparison {
  readonly judgements: readonly BaselineJudgement[];
  readonly comparisons: readonly CaseComparison[];
}

function judgementOf(
  run: Sourced<BenchmarkRun>,
  baseline: Sourced<BenchmarkRun>,
  inputs: ComparisonInputs,
): BaselineJudgement & { noise?: CompareDocument } {
  const project = run.data.project;
  const common = { project, baselineFile: baseline.file };
  const compare = inputs.compares.find((c) => c.data.project === project);
  if (compare)
    return { ...common, judged: false, reason: `the paired comparison ${compare.file} decides` };
  const machine = machineDifferences(baseline.data.environment, run.data.environment);
  if (machine.length > 0)
    return {
      ...common,
      judged: false,
      reason: `baseline from another machine: deltas shown, not judged (${machine.join('; ')})`,
    };
  const noise = inputs.noiseMeasurements.find((n) => n.data.project === project);
  if (!noise)
    return {
      ...common,
      judged: false,
      reason: `no A/A noise measurement for "${project}": deltas shown, not judged; measure it with \`prismq-bench compare --base HEAD --head HEAD --project ${project}\``,
    };
  const noiseMachine = machineDifferences(noise.data.environment, run.data.environment);
  if (noiseMachine.length > 0)
    return {
      ...common,
      judged: false,
      reason: `A/A noise ${noise.file} was measured on another machine: deltas shown, not judged (${noiseMachine.join('; ')})`,
    };
  return { ...common, judged: true, noiseFile: noise.file, noise: noise.data };
}

function verdictOf(ratio: number, smallestChange: number): ComparisonVerdict {
  if (ratio - 1 > smallestChange) return 'slower';
  if (1 - ratio > smallestChange) return 'faster';
  return 'no significant change';
}

function flatten(run: Sourced<BenchmarkRun>): MeasuredCase[] {
  return run.data.cases.map((c) => ({ project: run.data.project, file: run.file, case: c }));
}

/**
 * Compares every current case with the same id in its project's baseline. Deltas are judged
 * only where no paired comparison decides, the baseline and the A/A measurement come from this
 * machine (same fingerprint), and the A/A measurement has the case; then a change counts when
 * it is larger than the case's run-to-run noise (and the tolerance).
 */
export function compareWithBaseline(
  inputs: ComparisonInputs,
  policy: ComparisonPolicy,
): BaselineComparison {
  const judgements: BaselineJudgement[] = [];
  const comparisons: CaseComparison[] = [];
  for (const run of inputs.runs) {
    const baseline = inputs.baselines.find((b) => b.data.project === run.data.project);
    if (!baseline) continue;
    const { noise, ...judgement } = judgementOf(run, baseline, inputs);
    judgements.push(judgement);
    if (inputs.compares.some((c) => c.data.project === run.data.project)) continue;
    const before = new Map(flatten(baseline).map((b) => [b.case.id, b]));
    for (const measured of flatten(run)) {
      const base = before.get(measured.case.id);
      if (!base || base.case.stats.p50 === 0) continue;
      const row = {
        id: measured.case.id,
        project: measured.project,
        module: measured.case.module,
        file: measured.file,
        baselineFile: baseline.file,
        baselineP50: base.case.stats.p50,
        currentP50: measured.case.stats.p50,
        ratio: measured.case.stats.p50 / base.case.stats.p50,
      };
      const aa = noise?.cases.find((c) => c.id === measured.case.id);
      if (!noise) comparisons.push({ ...row, verdict: 'not judged' });
      else if (!aa)
        comparisons.push({
          ...row,
          verdict: 'not judged',
          reason: `no A/A noise for this case in ${judgement.noiseFile}`,
        });
      else {
        const smallestChange = Math.max(runToRunNoise(aa), policy.tolerance);
        comparisons.push({ ...row, smallestChange, verdict: verdictOf(row.ratio, smallestChange) });
      }
    }
  }
  return {
    judgements: judgements.sort((a, b) => a.project.localeCompare(b.project, 'en')),
    comparisons: comparisons.sort(
      (a, b) => a.project.localeCompare(b.project, 'en') || a.id.localeCompare(b.id, 'en'),
    ),
  };
}
