import { fitGrowth, type GrowthFit, type SweepPoint } from '@prismq/profiling/stats';
import type { MeasuredCase } from './measured-case';

/** The cases of one size sweep and the growth fitted over them. */
export interface SweepSeries {
  /** Case id without the size suffix, e.g. `scoring/sweep-text-length/words`. */
  readonly id: string;
  readonly project: string;
  readonly module: string;
  readonly file: string;
  /** Ordered by size. */
  readonly points: readonly SweepPoint[];
  readonly fit: GrowthFit | undefined;
}

function sweepSize(measured: MeasuredCase): number | undefined {
  const size = measured.case.args?.['size'];
  return typeof size === 'number' ? size : undefined;
}

/**
 * Groups the cases that the runner recorded from a `size` sweep (`<name>-<size>`) into series
 * and fits each one.
 */
export function collectSweeps(cases: readonly MeasuredCase[]): SweepSeries[] {
  const series = new Map<string, { first: MeasuredCase; points: SweepPoint[] }>();
  for (const measured of cases) {
    const size = sweepSize(measured);
    const suffix = `-${size}`;
    if (size === undefined || !measured.case.id.endsWith(suffix)) continue;
    const id = measured.case.id.slice(0, -suffix.length);
    const key = `${measured.project}\u0000${id}`;
    const entry = series.get(key) ?? { first: measured, points: [] };
    entry.points.push({ size, timeNs: measured.case.stats.p50 });
    series.set(key, entry);
  }
  return [...series.values()]
    .map(({ first, points }) => {
      const sorted = [...points].sort((a, b) => a.size - b.size);
      const suffix = `-${sweepSize(first)}`;
      return {
        id: first.case.id.slice(0, -suffix.length),
        project: first.project,
        module: first.case.module,
        file: first.file,
        points: sorted,
        fit: fitGrowth(sorted),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id, 'en'));
}
