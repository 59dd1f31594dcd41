import type { BenchmarkCase } from '@prismq/profiling';

/** A benchmark case with the project and file it was read from. */
export interface MeasuredCase {
  readonly project: string;
  readonly file: string;
  readonly case: BenchmarkCase;
}
