import { quantileSorted } from 'simple-statistics';
import type { BenchTarget } from '../targets/targets-file-schema';
import type { MeasuredCase } from './measured-case';

/**
 * The metric a bench target names, read from one measured case: a time in ns, or a rate for
 * `opsPerSec` and `throughput`. A string says why it cannot be read.
 */
export function benchMetric(measured: MeasuredCase, target: BenchTarget): number | string {
  const { stats, sampleTimes } = measured.case;
  switch (target.metric) {
    case 'p95':
      if (!sampleTimes || sampleTimes.length === 0)
        return 'p95 needs sampleTimes, which this run did not keep';
      return quantileSorted(
        [...sampleTimes].sort((a, b) => a - b),
        0.95,
      );
    case 'opsPerSec':
      return stats.opsPerSec;
    case 'throughput':
      return stats.opsPerSec * (target.itemsPerOp ?? 1);
    default:
      return stats[target.metric];
  }
}
