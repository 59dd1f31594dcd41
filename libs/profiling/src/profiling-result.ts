import type { MemorySnapshot } from './profile-summary-schema.js';

/** Which profiler produced a result. */
export type ProfilingKind = 'cpu' | 'memory' | 'time';

/** Memory figures of a memory-profiled call, in bytes. */
export interface MemoryFigures {
  before: MemorySnapshot;
  after: MemorySnapshot;
  peak: { heapUsed: number; rss: number };
  increase: { heapUsed: number; heapTotal: number; rss: number; external: number };
}

/** What one profiled call produced; every profiler hands one to the collector. */
export interface ProfilingResult {
  name: string;
  kind: ProfilingKind;
  /** Wall-clock duration of the call, including awaited work. */
  wallMs: number;
  /** CPU time (user + system) of the process during the call, when measured. */
  cpuMs?: number;
  memory?: MemoryFigures;
  /** Files written for this call (profile, summaries, JSON lines file). */
  reportPaths: readonly string[];
  /** ISO 8601 start of the call. */
  timestamp: string;
  /** Whether the profiled function threw (the error was re-thrown to the caller). */
  threw: boolean;
}
