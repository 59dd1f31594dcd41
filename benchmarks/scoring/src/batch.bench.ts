import { bench, do_not_optimize, group } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { scoreIdeaInspirationBatch } from '@prismq/scoring';
import { batchOf, batchOfTen } from './bench-inputs.js';

const ten = batchOfTen();
const hundred = batchOf(100);

// Input size of a batch is its number of ideas, comparable with the batch-size sweep.
describeCase('scoring/batch/10', { inputSize: ten.length });
describeCase('scoring/batch/100', { inputSize: hundred.length });

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
