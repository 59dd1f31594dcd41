import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, do_not_optimize, group, summary } from 'mitata';
import {
  clearProfilingResults,
  profiled,
  profileFunction,
  setProfilingMode,
} from '@prismq/profiling';
import { checksum, SAMPLE_TEXT } from './checksum.js';
import {
  FullyDecoratedService,
  PlainService,
  TimedService,
  CpuTimedService,
} from './checksum-services.js';

const plain = new PlainService();
const decorated = new FullyDecoratedService();
const timedService = new TimedService();
const cpuTimed = new CpuTimedService();
// The plain-function wrapper, left in the code and switched off like the decorators.
const profiledChecksum = profiled(checksum, { kind: 'cpu', name: 'checksum' });

// Each case sets the mode in its setup (outside the measured function): mitata runs the cases
// one after another, so a case measures under the mode it chose.
summary(() => {
  group('overhead', () => {
    bench('profiling/overhead/baseline', function* () {
      setProfilingMode('off');
      yield () => do_not_optimize(plain.checksum(SAMPLE_TEXT));
    }).baseline(true);

    bench('profiling/overhead/disabled', function* () {
      setProfilingMode('off');
      yield () => do_not_optimize(decorated.checksum(SAMPLE_TEXT));
    });

    bench('profiling/overhead/profiled-disabled', function* () {
      setProfilingMode('off');
      yield () => do_not_optimize(profiledChecksum(SAMPLE_TEXT));
    });

    bench('profiling/overhead/timed', function* () {
      setProfilingMode('time');
      clearProfilingResults();
      yield () => do_not_optimize(timedService.checksum(SAMPLE_TEXT));
    });

    bench('profiling/overhead/timed-cpu', function* () {
      setProfilingMode('time');
      clearProfilingResults();
      yield () => do_not_optimize(cpuTimed.checksum(SAMPLE_TEXT));
    });
  });
});

// A CPU profile per call writes three files; they go to a temporary folder removed at exit.
const profileDir = mkdtempSync(join(tmpdir(), 'prismq-overhead-cpu-'));
process.once('exit', () => rmSync(profileDir, { recursive: true, force: true }));

bench('profiling/overhead/cpu-wrapper', function* () {
  setProfilingMode('off');
  clearProfilingResults();
  yield () =>
    profileFunction(() => checksum(SAMPLE_TEXT), { name: 'checksum', outputDir: profileDir });
});
