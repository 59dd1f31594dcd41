import path from 'node:path';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { openLogFile, OutputCapture } from '@prismq/client-backend';
import { scratchFolder } from './bench-folder.js';

// Output capture with its real log file: one line, and tails served from the memory buffer.
// The SSE stream of those lines is measured through the server in log-tail.bench.ts.

const LINE = 'INFO: processed item 1234 of 10000 (scores: 0.82, 0.44)';

let files = 0;
function filledCapture(dir: string, lines: number): OutputCapture {
  const file = path.join(dir, `run-${files++}.log`);
  const capture = new OutputCapture({ writer: openLogFile(file), filePath: file });
  let chunk = '';
  for (let i = 1; i <= lines; i++) chunk += `${LINE} #${i}\n`;
  capture.write('stdout', chunk);
  return capture;
}

function* withCapture(
  lines: number,
  measure: (capture: OutputCapture) => () => unknown,
): Generator<() => unknown> {
  const scratch = scratchFolder('capture');
  const capture = filledCapture(scratch.dir, lines);
  try {
    yield measure(capture);
  } finally {
    capture.end();
    scratch.remove();
  }
}

describeCase('client-backend/capture/tail-50-of-100', { inputSize: 50 });
describeCase('client-backend/capture/tail-1000-of-10000', { inputSize: 1_000 });

summary(() => {
  group('client-backend/capture', () => {
    bench('client-backend/capture/line', function* () {
      yield* withCapture(0, (capture) => () => capture.write('stdout', `${LINE}\n`));
    });
    bench('client-backend/capture/tail-50-of-100', function* () {
      yield* withCapture(100, (capture) => async () => do_not_optimize(await capture.tail(50)));
    });
    bench('client-backend/capture/tail-1000-of-10000', function* () {
      yield* withCapture(
        10_000,
        (capture) => async () => do_not_optimize(await capture.tail(1_000)),
      );
    });
  });
});
