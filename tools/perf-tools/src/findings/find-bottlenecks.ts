import type { Analysis } from '../analysis/analysis';
import { cpuConcentrationRule } from './cpu-concentration-rule';
import { compareFindings, type Finding } from './finding';
import { memoryRule } from './memory-rule';
import { missedTargetRule } from './missed-target-rule';
import { regressionRule } from './regression-rule';
import { sizeJumpRule } from './size-jump-rule';
import { superLinearGrowthRule } from './super-linear-growth-rule';
import { unstableMeasurementRule } from './unstable-measurement-rule';

const RULES: readonly ((analysis: Analysis) => Finding[])[] = [
  missedTargetRule,
  superLinearGrowthRule,
  sizeJumpRule,
  regressionRule,
  unstableMeasurementRule,
  memoryRule,
  cpuConcentrationRule,
];

/** Runs every bottleneck rule and orders the findings by priority. */
export function findBottlenecks(analysis: Analysis): Finding[] {
  return RULES.flatMap((rule) => rule(analysis)).sort(compareFindings);
}
