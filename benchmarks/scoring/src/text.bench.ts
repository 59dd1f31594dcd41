import { bench, do_not_optimize, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { scoreText, scoreTextContent } from '@prismq/scoring';
import {
  TEXT_LONG,
  TEXT_SHORT,
  TEXT_TYPICAL,
  proseOfWords,
  type TextCase,
} from './bench-inputs.js';

// "Text scoring per document" scores title, description and body together; input size is the
// body's length in characters.
const cases: ReadonlyArray<readonly [string, TextCase]> = [
  ['scoring/text/short', TEXT_SHORT],
  ['scoring/text/typical', TEXT_TYPICAL],
  ['scoring/text/long', TEXT_LONG],
];

summary(() => {
  group('scoring/text', () => {
    for (const [id, input] of cases) {
      describeCase(id, { inputSize: input.text.length });
      bench(id, () =>
        do_not_optimize(scoreTextContent(input.title, input.description, input.text)),
      );
    }
  });
});

group('scoring/sweep-text-length', () => {
  bench('scoring/sweep-text-length/words', function* (state: { get(name: string): unknown }) {
    const size = state.get('size') as number;
    const text = proseOfWords(size);
    yield () => do_not_optimize(scoreText(text, 'Measure great video ideas'));
  }).args('size', [10, 100, 1_000, 10_000, 100_000]);
});
