import { CategoryClassifier } from '@prismq/classification';
import { describeCase } from '@prismq/profiling';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { EMPTY_RECORD, LONG_RECORD, SPECIAL_CHARS_RECORD, inputSize } from './benchmark-inputs.js';

const classifier = new CategoryClassifier();

describeCase('classification/edge/empty', { inputSize: inputSize(EMPTY_RECORD) });
// long-text is the larger variant of category/single: the size-jump rule compares their input sizes.
describeCase('classification/edge/long-text', { inputSize: inputSize(LONG_RECORD) });
describeCase('classification/edge/special-chars', { inputSize: inputSize(SPECIAL_CHARS_RECORD) });

group('edge', () => {
  summary(() => {
    bench('classification/edge/empty', () => do_not_optimize(classifier.classify(EMPTY_RECORD)));
    bench('classification/edge/long-text', () => do_not_optimize(classifier.classify(LONG_RECORD)));
    bench('classification/edge/special-chars', () =>
      do_not_optimize(classifier.classify(SPECIAL_CHARS_RECORD)),
    );
  });
});
