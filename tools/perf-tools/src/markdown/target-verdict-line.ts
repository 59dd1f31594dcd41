import type { TargetResult } from '../analysis/target-result';
import { formatBound, formatMeasured } from './target-bound';

const STATUS_WORD: Readonly<Record<TargetResult['status'], string>> = {
  met: 'MET ',
  missed: 'MISS',
  'not measured': 'N/A ',
  'not evaluated': 'N/A ',
};

/** One line per verdict: `MET   <id>  <case> <metric> = 2.50 ms (target < 100 ms)`. */
export function formatVerdict(result: TargetResult): string {
  const { target } = result;
  const metric = 'metric' in target ? target.metric : '';
  const detail = result.reason ? `: ${result.reason}` : '';
  return `${STATUS_WORD[result.status]}  ${target.id}  ${result.subject} ${metric} = ${formatMeasured(result)} (target ${formatBound(target).replace(/`/g, '')})${detail}`;
}
