import { bench, do_not_optimize, group } from 'mitata';
import { youtubeScore } from '@prismq/scoring';
import { YOUTUBE_SINGLE, YOUTUBE_VARIED } from './bench-inputs.js';

group('scoring/youtube', () => {
  bench('scoring/youtube/single', () => do_not_optimize(youtubeScore(YOUTUBE_SINGLE)));
  bench('scoring/youtube/varied-4', () => {
    for (const video of YOUTUBE_VARIED) do_not_optimize(youtubeScore(video));
  });
});
