import type { LoadTestReport } from '@prismq/profiling';
import type { Sourced } from '../inputs/report-inputs';
import type { TargetsFile } from '../targets/targets-file-schema';
import { evaluateTargets, type TargetResult } from './target-evaluation';

/**
 * The load targets of a project (`module` = the report's project) checked against its load
 * report exactly as the reports check them, so that a load test prints the verdicts the
 * reports will show. A target whose case or metric the report lacks is "not measured".
 */
export function judgeLoadReport(
  targets: TargetsFile,
  report: Sourced<LoadTestReport>,
): TargetResult[] {
  const own = targets.targets.filter(
    (t) => t.source === 'load' && t.module === report.data.project,
  );
  return evaluateTargets({ targets: own, memory: [] }, [], [report], []);
}
