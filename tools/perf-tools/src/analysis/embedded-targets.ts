import type { BenchTarget, CaseTarget } from '../targets/targets-file-schema';
import type { MeasuredCase } from './measured-case';

/**
 * Targets that bench files attached to their cases with `describeCase(id, { target })`, as
 * bench targets. A case target that the targets file already states (same case and metric) is
 * left out: the versioned file is the authority.
 */
export function embeddedTargets(
  cases: readonly MeasuredCase[],
  declared: readonly CaseTarget[],
): BenchTarget[] {
  const stated = new Set(declared.map((t) => `${t.case}\u0000${t.metric}`));
  return cases.flatMap(({ case: c }) => {
    const target = c.target;
    if (!target || stated.has(`${c.id}\u0000${target.metric}`)) return [];
    return [
      {
        id: c.id,
        module: c.module,
        description: `target in the bench file of ${c.id}`,
        source: 'bench',
        case: c.id,
        metric: target.metric,
        op: target.op,
        value: target.value,
        unit: target.unit,
      } satisfies BenchTarget,
    ];
  });
}
