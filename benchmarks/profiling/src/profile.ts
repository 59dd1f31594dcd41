// CPU and memory profiles of the timed path: a million calls of a @timed method.
import { profileFunction, profileMemory, setProfilingMode } from '@prismq/profiling';
import { SAMPLE_TEXT } from './checksum.js';
import { TimedService } from './checksum-services.js';

const CALLS = 1_000_000;
const service = new TimedService();

function callTimedPath(): number {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += service.checksum(SAMPLE_TEXT);
  return sum;
}

setProfilingMode('time');
// The library profiles itself here, so its own frames stay in the tables.
await profileFunction(callTimedPath, { name: 'profiling-timed-path', includeProfilerFrames: true });
await profileMemory(callTimedPath, {
  name: 'profiling-timed-path',
  heapSampling: true,
  includeProfilerFrames: true,
});
setProfilingMode('off');
console.log(
  `profiled ${CALLS} timed calls; reports in ${process.env['PRISMQ_PROFILE_DIR'] ?? 'reports'}/cpu and /memory`,
);
