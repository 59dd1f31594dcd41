import type { MemoryReport, MemorySnapshot } from '../results/profile-summary-schema.js';

/** Heap used just before and just after one collection V8 ran during the call. */
interface CollectionObserved {
  usedBefore: number;
  usedAfter: number;
}

/** What was observed around one call, in bytes. */
export interface MemoryObservations {
  /** Snapshot before the call (after a forced GC when one could be forced). */
  before: MemorySnapshot;
  /** Snapshot right after the call, garbage included. */
  after: MemorySnapshot;
  /** Heap used after a forced GC following the call (`undefined`: none could be forced). */
  heapUsedAfterGc: number | undefined;
  /** Whether the `before` snapshot followed a forced GC. */
  gcBefore: boolean;
  /** The collections V8 ran while the call was being measured. */
  collections: readonly CollectionObserved[];
  /** Timer samples taken during the call (async work only). */
  sampled: { count: number; heapUsed: number; rss: number };
  /** The process's maximum resident set size before and after the call. */
  maxRss: { before: number; after: number };
}

/** The figures of a memory report that follow from the observations. */
export type MemoryFigureFields = Pick<
  MemoryReport,
  'peak' | 'peakRssSource' | 'increase' | 'retained' | 'allocated'
>;

/**
 * Turns the observations of one call into its figures (pure):
 * - `retained`: heap after a forced GC minus heap before — what the call kept;
 * - `allocated`: the heap's growth plus what each collection freed — everything the call
 *   allocated, garbage included (sound because the heap only shrinks in a collection, and the
 *   forced GC before the call left no older garbage to free);
 * - `peak.heapUsed`: the heap only grows between collections, so its highest point is just
 *   before one of them or at the end;
 * - `peak.rss`: the process's high-water mark when it rose during the call, else the highest
 *   timer sample, else the higher end point (a lower bound, and said so).
 */
export function computeMemoryFigures(observed: MemoryObservations): MemoryFigureFields {
  const { before, after, collections, sampled, maxRss } = observed;
  let freed = 0;
  let peakHeap = Math.max(before.heapUsed, after.heapUsed, sampled.heapUsed);
  for (const collection of collections) {
    freed += Math.max(0, collection.usedBefore - collection.usedAfter);
    peakHeap = Math.max(peakHeap, collection.usedBefore);
  }
  const endpointsRss = Math.max(before.rss, after.rss);
  const [peakRss, peakRssSource] =
    maxRss.after > maxRss.before
      ? [Math.max(maxRss.after, endpointsRss), 'high-water-mark' as const]
      : sampled.count > 0
        ? [Math.max(sampled.rss, endpointsRss), 'sampled' as const]
        : [endpointsRss, 'endpoints' as const];
  const exact = observed.gcBefore && observed.heapUsedAfterGc !== undefined;
  return {
    peak: { heapUsed: peakHeap, rss: peakRss },
    peakRssSource,
    increase: {
      heapUsed: after.heapUsed - before.heapUsed,
      heapTotal: after.heapTotal - before.heapTotal,
      rss: after.rss - before.rss,
      external: after.external - before.external,
    },
    retained: {
      heapUsed: (observed.heapUsedAfterGc ?? after.heapUsed) - before.heapUsed,
      approximate: !exact,
    },
    allocated: {
      heapBytes: Math.max(0, after.heapUsed - before.heapUsed + freed),
      collections: collections.length,
    },
  };
}
