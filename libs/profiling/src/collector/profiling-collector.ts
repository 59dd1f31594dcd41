import { writeSync } from 'node:fs';
import { formatExitSummary, tallyResult, type CallTally } from './exit-summary.js';
import { modeState } from './profiling-mode.js';
import type { ProfilingResult } from './profiling-result.js';

/** Receives each profiling result as it is produced. */
export type ProfilingListener = (result: ProfilingResult) => void;

/** How many results the collector keeps before dropping the oldest. */
export const DEFAULT_COLLECTOR_CAPACITY = 10_000;

interface CollectorState {
  capacity: number;
  ring: (ProfilingResult | undefined)[];
  next: number;
  size: number;
  listeners: Set<ProfilingListener>;
  /** Tallies of results that went to no file, for the exit summary; absent when it is off. */
  tallies: Map<string, CallTally> | undefined;
}

// With PRISMQ_PROFILE on and nobody listening, timed calls would otherwise leave no trace: the
// process prints what they measured on stderr as it exits.
function printExitSummary(state: CollectorState): void {
  if (!state.tallies || state.tallies.size === 0 || state.listeners.size > 0) return;
  try {
    writeSync(2, formatExitSummary(state.tallies.values(), modeState.mode));
  } catch {
    // stderr is gone: nothing left to tell.
  }
}

function createState(): CollectorState {
  const state: CollectorState = {
    capacity: DEFAULT_COLLECTOR_CAPACITY,
    ring: new Array<ProfilingResult | undefined>(DEFAULT_COLLECTOR_CAPACITY),
    next: 0,
    size: 0,
    listeners: new Set(),
    tallies: modeState.fromEnvironment ? new Map() : undefined,
  };
  if (state.tallies) process.once('exit', () => printExitSummary(state));
  return state;
}

// Results go into a bounded ring so that a timed method called millions of times cannot grow
// memory without limit; it is a plain array write on the timed hot path. The state lives on
// globalThis so that the ESM and CommonJS builds, if both get loaded, share one collector.
const STATE_KEY = Symbol.for('@prismq/profiling/collector');
const state: CollectorState = ((
  globalThis as unknown as Record<symbol, CollectorState | undefined>
)[STATE_KEY] ??= createState());

/** Hands a result to the collector and its listeners (the profilers call it). */
export function recordProfilingResult(result: ProfilingResult): void {
  state.ring[state.next] = result;
  state.next = state.next + 1 === state.capacity ? 0 : state.next + 1;
  if (state.size < state.capacity) state.size += 1;
  if (state.tallies !== undefined && result.reportPaths.length === 0)
    tallyResult(state.tallies, result);
  if (state.listeners.size > 0) for (const listener of state.listeners) listener(result);
}

/** The results kept so far, oldest first. */
export function getProfilingResults(): ProfilingResult[] {
  const start = state.size < state.capacity ? 0 : state.next;
  const out: ProfilingResult[] = [];
  for (let i = 0; i < state.size; i++)
    out.push(state.ring[(start + i) % state.capacity] as ProfilingResult);
  return out;
}

/** Forgets the kept results (listeners stay). */
export function clearProfilingResults(): void {
  state.ring = new Array<ProfilingResult | undefined>(state.capacity);
  state.next = 0;
  state.size = 0;
}

/**
 * Sets how many results are kept (the oldest are dropped first) and clears the kept ones.
 * @throws RangeError when `limit` is not a positive integer
 */
export function setProfilingResultCapacity(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`collector capacity must be a positive integer, got ${limit}`);
  state.capacity = limit;
  clearProfilingResults();
}

/**
 * Calls `listener` with every result from now on.
 * @returns a function that removes the listener
 */
export function onProfilingResult(listener: ProfilingListener): () => void {
  state.listeners.add(listener);
  return () => {
    state.listeners.delete(listener);
  };
}
