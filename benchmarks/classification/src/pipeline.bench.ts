import { CategoryClassifier, StoryDetector } from '@prismq/classification';
import { describeCase } from '@prismq/profiling';
import { bench, do_not_optimize, group } from 'mitata';
import { PIPELINE_RECORDS } from './benchmark-inputs.js';

const classifier = new CategoryClassifier();
const detector = new StoryDetector();

describeCase('classification/pipeline/full-20', { inputSize: PIPELINE_RECORDS.length });

group('pipeline', () => {
  bench('classification/pipeline/full-20', () => {
    for (const record of PIPELINE_RECORDS) {
      do_not_optimize(classifier.classify(record));
      do_not_optimize(detector.detect(record));
    }
  });
});
