import type { TargetResult } from '../analysis/target-result';
import {
  isRelativeTarget,
  type CaseTarget,
  type MemoryTarget,
} from '../targets/targets-file-schema';
import { formatMeasure, formatNumber, formatOp } from './format-value';

/** A target's bound as a reader writes it: `< 1 ms`, or `≤ 3.5 × \`<reference case>\``. */
export function formatBound(target: CaseTarget | MemoryTarget): string {
  if (isRelativeTarget(target))
    // The ratio as the targets file states it: `3.5`, not `3.50`.
    return `${formatOp(target.op)} ${String(target.ratio)} × \`${target.relativeTo}\``;
  return `${formatOp(target.op)} ${formatMeasure(target.value, target.unit)}`;
}

/** A measured value in the target's terms: `2.01 µs`, or `3.10×` for a relative target. */
export function formatMeasured(result: TargetResult): string {
  if (result.measured === undefined) return '—';
  if (isRelativeTarget(result.target)) return `${formatNumber(result.measured)}×`;
  return formatMeasure(result.measured, result.target.unit);
}
