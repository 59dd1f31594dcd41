import type { ProfilingResult } from './profiling-result.js';

/** Receives each profiling result as it is produced. */
export type ProfilingListener = (result: ProfilingResult) => void;

/** How many results the collector keeps before dropping the oldest. */
export const DEFAULT_COLLECTOR_CAPACITY = 10_000;

// Results go into a bounded ring so that a timed method called millions of times cannot grow
// memory without limit; it is a plain array write on the timed hot path.
let capacity = DEFAULT_COLLECTOR_CAPACITY;
let ring: (ProfilingResult | undefined)[] = new Array(capacity);
let next = 0;
let size = 0;
const listeners = new Set<ProfilingListener>();

/** Hands a result to the collector and its listeners (the profilers call it). */
export function recordProfilingResult(result: ProfilingResult): void {
  ring[next] = result;
  next = next + 1 === capacity ? 0 : next + 1;
  if (size < capacity) size += 1;
  if (listeners.size > 0) for (const listener of listeners) listener(result);
}

/** The results kept so far, oldest first. */
export function getProfilingResults(): ProfilingResult[] {
  const start = size < capacity ? 0 : next;
  const out: ProfilingResult[] = [];
  for (let i = 0; i < size; i++) out.push(ring[(start + i) % capacity] as ProfilingResult);
  return out;
}

/** Forgets the kept results (listeners stay). */
export function clearProfilingResults(): void {
  ring = new Array(capacity);
  next = 0;
  size = 0;
}

/**
 * Sets how many results are kept (the oldest are dropped first) and clears the kept ones.
 * @throws RangeError when `limit` is not a positive integer
 */
export function setProfilingResultCapacity(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`collector capacity must be a positive integer, got ${limit}`);
  capacity = limit;
  clearProfilingResults();
}

/**
 * Calls `listener` with every result from now on.
 * @returns a function that removes the listener
 */
export function onProfilingResult(listener: ProfilingListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
