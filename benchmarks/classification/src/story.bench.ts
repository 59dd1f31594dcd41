import { StoryDetector } from '@prismq/classification';
import { describeCase } from '@prismq/profiling';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { MEME_RECORD, MIXED_STORY_RECORDS, STORY_RECORD, inputSize } from './benchmark-inputs.js';
import { readEveryCharacter } from './read-floor.js';

const detector = new StoryDetector({ threshold: 0.3 });

describeCase('classification/story/read-floor', { inputSize: inputSize(STORY_RECORD) });
describeCase('classification/story/story', {
  inputSize: inputSize(STORY_RECORD),
  target: { metric: 'p50', op: '<', value: 150, unit: 'ms' },
});

group('story', () => {
  summary(() => {
    bench('classification/story/story', () => do_not_optimize(detector.detect(STORY_RECORD)));
    bench('classification/story/non-story', () => do_not_optimize(detector.detect(MEME_RECORD)));
    // A reference, not a library call: reading the story record's characters and nothing else.
    bench('classification/story/read-floor', () =>
      do_not_optimize(readEveryCharacter(STORY_RECORD)),
    );
    bench('classification/story/mixed-4', () => {
      for (const record of MIXED_STORY_RECORDS) do_not_optimize(detector.detect(record));
    });
  });
});
