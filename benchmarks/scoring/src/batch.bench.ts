import { bench, do_not_optimize, group } from 'mitata';
import { scoreIdeaInspirationBatch } from '@prismq/scoring';
import { batchOf, batchOfTen } from './bench-inputs.js';

const ten = batchOfTen();
const hundred = batchOf(100);

group('scoring/batch', () => {
  bench('scoring/batch/10', () => do_not_optimize(scoreIdeaInspirationBatch(ten)));
  bench('scoring/batch/100', () => do_not_optimize(scoreIdeaInspirationBatch(hundred)));
});

group('scoring/sweep-batch-size', () => {
  bench('scoring/sweep-batch-size/ideas', function* (state: { get(name: string): unknown }) {
    const size = state.get('size') as number;
    const ideas = batchOf(size);
    yield () => do_not_optimize(scoreIdeaInspirationBatch(ideas));
  }).args('size', [1, 10, 100, 1_000, 10_000]);
});
