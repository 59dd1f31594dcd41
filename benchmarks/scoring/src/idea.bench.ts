import { bench, do_not_optimize, group } from 'mitata';
import { scoreIdeaInspiration } from '@prismq/scoring';
import { IDEA_VIDEO } from './bench-inputs.js';

group('scoring/idea', () => {
  bench('scoring/idea/video-with-engagement', () =>
    do_not_optimize(scoreIdeaInspiration(IDEA_VIDEO)),
  );
});
