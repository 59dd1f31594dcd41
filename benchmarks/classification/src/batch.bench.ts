import { CategoryClassifier, StoryDetector } from '@prismq/classification';
import { describeCase } from '@prismq/profiling';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { HUNDRED_RECORDS, TEN_RECORDS } from './benchmark-inputs.js';

const classifier = new CategoryClassifier();
const detector = new StoryDetector();

describeCase('classification/batch/classify-10', { inputSize: TEN_RECORDS.length });
describeCase('classification/batch/detect-10', { inputSize: TEN_RECORDS.length });
// Batch throughput target > 100 items/s, i.e. 100 items in under a second.
describeCase('classification/batch/classify-100', {
  inputSize: HUNDRED_RECORDS.length,
  target: { metric: 'p50', op: '<', value: 1, unit: 's' },
});

group('batch', () => {
  summary(() => {
    bench('classification/batch/classify-10', () =>
      do_not_optimize(classifier.classifyBatch(TEN_RECORDS)),
    );
    bench('classification/batch/detect-10', () =>
      do_not_optimize(detector.detectBatch(TEN_RECORDS)),
    );
    bench('classification/batch/classify-100', () =>
      do_not_optimize(classifier.classifyBatch(HUNDRED_RECORDS)),
    );
  });
});
