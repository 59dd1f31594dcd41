import { performance } from 'node:perf_hooks';

/**
 * The clocks the time profiler reads: wall time in milliseconds and the process's CPU usage.
 * The system's by default; a test passes its own to drive what a call is seen to cost.
 */
export interface ProfilerClock {
  now(): number;
  cpuUsage(since?: NodeJS.CpuUsage): NodeJS.CpuUsage;
}

/** `performance.now()` and `process.cpuUsage()`. */
export const systemClock: ProfilerClock = {
  now: () => performance.now(),
  cpuUsage: (since) => process.cpuUsage(since),
};
