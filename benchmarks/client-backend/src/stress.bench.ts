import path from 'node:path';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { openLogFile, OutputCapture } from '@prismq/client-backend';
import { TYPICAL_PARAMETERS } from './bench-modules.js';
import { openHeldRunManager } from './held-run-manager.js';
import { scratchFolder } from './bench-folder.js';

// Bursts: ten launch requests in a row (queued behind a held slot, so no process starts in
// the loop), and a 1 000-line chunk through the capture with its file write. At 1 000 lines
// per iteration, a mean under 1 ms is the ≥ 1 000 000 lines/s capture target.

let chunk = '';
for (let i = 1; i <= 1_000; i++) chunk += `processed item ${i} of 1000: score=${(i % 97) / 97}\n`;

describeCase('client-backend/stress/create-10-runs', { inputSize: 10 });
describeCase('client-backend/stress/capture-1000-lines', {
  inputSize: 1_000,
  target: { metric: 'mean', op: '<', value: 1, unit: 'ms' },
});

summary(() => {
  group('client-backend/stress', () => {
    bench('client-backend/stress/create-10-runs', async function* () {
      const { manager, close } = openHeldRunManager('stress');
      try {
        yield () => {
          for (let i = 0; i < 10; i++)
            do_not_optimize(manager.createRun('instant', TYPICAL_PARAMETERS, false));
        };
      } finally {
        await close();
      }
    });
    bench('client-backend/stress/capture-1000-lines', function* () {
      const scratch = scratchFolder('stress-capture');
      const file = path.join(scratch.dir, 'run.log');
      const capture = new OutputCapture({ writer: openLogFile(file), filePath: file });
      try {
        yield () => capture.write('stdout', chunk);
      } finally {
        capture.end();
        scratch.remove();
      }
    });
  });
});
