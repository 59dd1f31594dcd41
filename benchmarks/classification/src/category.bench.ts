import { CategoryClassifier } from '@prismq/classification';
import { describeCase } from '@prismq/profiling';
import { bench, do_not_optimize, group, summary } from 'mitata';
import {
  GAMING_RECORD,
  STORY_RECORD,
  TUTORIAL_RECORD,
  VARIED_RECORDS,
  inputSize,
} from './benchmark-inputs.js';

const classifier = new CategoryClassifier();

describeCase('classification/category/single', {
  inputSize: inputSize(STORY_RECORD),
  target: { metric: 'p50', op: '<', value: 100, unit: 'ms' },
});

group('category', () => {
  summary(() => {
    bench('classification/category/single', () =>
      do_not_optimize(classifier.classify(STORY_RECORD)),
    );
    bench('classification/category/gaming', () =>
      do_not_optimize(classifier.classify(GAMING_RECORD)),
    );
    bench('classification/category/tutorial', () =>
      do_not_optimize(classifier.classify(TUTORIAL_RECORD)),
    );
    bench('classification/category/varied-4', () => {
      for (const record of VARIED_RECORDS) do_not_optimize(classifier.classify(record));
    });
  });
});
