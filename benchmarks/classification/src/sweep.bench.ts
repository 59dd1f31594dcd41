import { CategoryClassifier, TextClassifier } from '@prismq/classification';
import { bench, do_not_optimize, group } from 'mitata';
import { generalRecords, recordWithDescriptionWords } from './benchmark-inputs.js';

/** The part of mitata's generator state a sweep reads. */
interface SweepState {
  get(name: 'size'): number;
}

const classifier = new CategoryClassifier();
const enricher = new TextClassifier();

group('sweep-description-length', () => {
  bench('classification/sweep-description-length/words', function* (state: SweepState) {
    const record = recordWithDescriptionWords(state.get('size'));
    yield () => do_not_optimize(classifier.classify(record));
  }).args('size', [10, 100, 1000, 10000, 100000]);
});

group('sweep-batch-size', () => {
  bench('classification/sweep-batch-size/items', function* (state: SweepState) {
    const records = generalRecords(state.get('size'));
    yield () => do_not_optimize(enricher.enrichBatch(records));
  }).args('size', [1, 10, 100, 1000, 10000]);
});
