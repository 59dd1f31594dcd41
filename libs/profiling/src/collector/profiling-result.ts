import type { MemorySnapshot } from '../results/profile-summary-schema.js';

/** Which profiler produced a result. */
export type ProfilingKind = 'cpu' | 'memory' | 'time';

/** Memory figures of a memory-profiled call, in bytes (the report file has the details). */
export interface MemoryFigures {
  /** Before the call, after a forced GC. */
  before: MemorySnapshot;
  /** Right after the call, garbage included. */
  after: MemorySnapshot;
  /** Highest heap used during the call (exact) and RSS (see the report's `peakRssSource`). */
  peak: { heapUsed: number; rss: number };
  /** Raw after − before, garbage included. */
  increase: { heapUsed: number; heapTotal: number; rss: number; external: number };
  /** Heap the call kept: after a forced GC minus before. "Is it leaking?" */
  retained: number;
  /** Heap bytes allocated during the call, garbage included. "How much does it churn?" */
  allocated: number;
}

/** What one profiled call produced; every profiler hands one to the collector. */
export interface ProfilingResult {
  /** The name given to the profiler (or the decorated method's). */
  name: string;
  /** Which profiler produced it. */
  kind: ProfilingKind;
  /** Wall-clock duration of the call, including awaited work. */
  wallMs: number;
  /** CPU time (user + system) of the process during the call, when measured. */
  cpuMs?: number;
  /** Memory figures of a memory profile. */
  memory?: MemoryFigures;
  /** Files written for this call (profile, summaries, JSON lines file). */
  reportPaths: readonly string[];
  /** ISO 8601 start of the call. */
  timestamp: string;
  /** Whether the profiled function threw (the error was re-thrown to the caller). */
  threw: boolean;
}
