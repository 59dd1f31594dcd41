import type { FunctionTiming } from '../results/profile-summary-schema.js';
import type { SourceMapResolver } from '../source-map/source-map-resolver.js';
import type { CallFrame, CpuProfile } from './cpu-profile.js';
import { frameSource } from './frame-source.js';
import { HOT_LINES_PER_FUNCTION, hotLines } from './hot-lines.js';

/** Top functions of a profile by self time and by total time. */
export interface CpuTables {
  /** Functions by time spent in their own code, most first. */
  topSelf: FunctionTiming[];
  /** Functions by time spent in them and what they called, most first. */
  topTotal: FunctionTiming[];
  /** Samples in the profile. */
  totalSamples: number;
  /** Length of the profile, ms. */
  profileMs: number;
}

/** How a profile is summarized beyond its number of rows. */
export interface CpuSummaryOptions {
  /** Leaves out the functions for which it returns true (their time still counts in the percentages' total). */
  exclude?: (frame: CallFrame) => boolean;
  /** Maps every frame and hot line to its original source; without it they keep their built location. */
  sourceMaps?: SourceMapResolver;
  /** Hot lines kept per function (default 10). */
  hotLines?: number;
}

/** Every sampled function of a profile, most self time first. */
export interface CpuFunctionTimes {
  /** Every function with time in the profile, by self time, most first. */
  functions: FunctionTiming[];
  /** Samples in the profile. */
  totalSamples: number;
  /** Length of the profile, ms. */
  profileMs: number;
}

interface Accumulator {
  frame: CallFrame;
  selfUs: number;
  totalUs: number;
  hits: number;
  /** Samples per 1-based built line, from the position ticks of the function's nodes. */
  ticks: Map<number, number>;
}

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}

function displayName(frame: CallFrame): string {
  return frame.functionName || '(anonymous)';
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function toTiming(
  entry: Accumulator,
  sampledUs: number,
  options: CpuSummaryOptions,
): FunctionTiming {
  const percent = (us: number) => (sampledUs > 0 ? round((us / sampledUs) * 100, 2) : 0);
  const located = frameSource(entry.frame, options.sourceMaps);
  const selfMs = round(entry.selfUs / 1000);
  let tickTotal = 0;
  for (const count of entry.ticks.values()) tickTotal += count;
  // Each line is charged its exact share of the function's self time, rounded down, so that
  // the lines' times never add up to more than the function's however many are listed.
  const lines = hotLines(
    entry.frame,
    located,
    entry.ticks,
    options.sourceMaps,
    options.hotLines ?? HOT_LINES_PER_FUNCTION,
  ).map((l) => ({
    line: l.line,
    selfMs: Math.floor((entry.selfUs / 1000) * (l.ticks / tickTotal) * 1000) / 1000,
    share: l.share,
    ticks: l.ticks,
  }));
  return {
    functionName: displayName(entry.frame),
    url: entry.frame.url,
    line: Math.max(0, entry.frame.lineNumber + 1),
    column: Math.max(0, entry.frame.columnNumber + 1),
    location: located.location,
    selfMs,
    totalMs: round(entry.totalUs / 1000),
    selfPercent: percent(entry.selfUs),
    totalPercent: percent(entry.totalUs),
    hitCount: entry.hits,
    ...(located.mapping ? { mapping: located.mapping } : {}),
    ...(located.source ? { source: located.source } : {}),
    builtLocation: located.builtLocation,
    ...(lines.length > 0 ? { lines } : {}),
  };
}

interface Accumulated {
  entries: Accumulator[];
  sampledUs: number;
  totalSamples: number;
  profileMs: number;
}

// A sample is charged the time until the next sample; total time counts a function once per
// sample, so recursion is not double-counted.
function accumulate(profile: CpuProfile, exclude: (frame: CallFrame) => boolean): Accumulated {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const functions = new Map<string, Accumulator>();
  const entryOf = (frame: CallFrame): Accumulator => {
    const key = frameKey(frame);
    let entry = functions.get(key);
    if (!entry) {
      entry = { frame, selfUs: 0, totalUs: 0, hits: 0, ticks: new Map() };
      functions.set(key, entry);
    }
    return entry;
  };

  const stackCache = new Map<number, Set<Accumulator>>();
  const stackOf = (id: number): Set<Accumulator> => {
    const cached = stackCache.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    const parentId = parent.get(id);
    const stack = new Set(parentId === undefined ? [] : stackOf(parentId));
    if (node && node.callFrame.functionName !== '(root)' && !exclude(node.callFrame))
      stack.add(entryOf(node.callFrame));
    stackCache.set(id, stack);
    return stack;
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // As in DevTools, a sample lasts until the next one (the last until the profile's end); the
  // first delta also holds the profiler's start-up, which belongs to no sample.
  const stamps: number[] = [];
  let clock = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    clock += deltas[i] ?? 0;
    stamps.push(clock);
  }
  let sampledUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const us = Math.max(0, (stamps[i + 1] ?? profile.endTime) - (stamps[i] as number));
    sampledUs += us;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(root)') continue;
    if (!exclude(node.callFrame)) {
      const self = entryOf(node.callFrame);
      self.selfUs += us;
      self.hits += 1;
    }
    for (const entry of stackOf(id)) entry.totalUs += us;
  }
  for (const node of profile.nodes) {
    if (!node.positionTicks || node.positionTicks.length === 0) continue;
    const key = frameKey(node.callFrame);
    const entry = functions.get(key);
    if (!entry) continue; // a node never sampled on top, or left out
    for (const { line, ticks } of node.positionTicks)
      entry.ticks.set(line, (entry.ticks.get(line) ?? 0) + ticks);
  }
  return {
    entries: [...functions.values()],
    sampledUs,
    totalSamples: samples.length,
    profileMs: round((profile.endTime - profile.startTime) / 1000),
  };
}

const bySelf = (a: Accumulator, b: Accumulator) => b.selfUs - a.selfUs || b.hits - a.hits;
const byTotal = (a: Accumulator, b: Accumulator) => b.totalUs - a.totalUs || b.hits - a.hits;

/**
 * Every function of a CPU profile with its self and total time, its source location (through
 * `options.sourceMaps`) and its hottest lines, most self time first.
 */
export function cpuFunctionTimes(
  profile: CpuProfile,
  options: CpuSummaryOptions = {},
): CpuFunctionTimes {
  const run = accumulate(profile, options.exclude ?? (() => false));
  return {
    functions: run.entries.sort(bySelf).map((entry) => toTiming(entry, run.sampledUs, options)),
    totalSamples: run.totalSamples,
    profileMs: run.profileMs,
  };
}

/**
 * Ranks the functions of a CPU profile by self time (time on top of the stack) and by total
 * time (time anywhere on the stack, counted once per sample so recursion is not double-counted).
 * A sample is charged the time until the next sample. Functions for which `exclude` returns
 * true are left out of both tables (their time still counts in the percentages' total).
 * With `options.sourceMaps`, every row's `location` is its original source line when the
 * build's source map allows (see {@link SourceMapResolver}); every row lists its hottest lines
 * from V8's position ticks.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  top: number,
  exclude: (frame: CallFrame) => boolean = () => false,
  options: Omit<CpuSummaryOptions, 'exclude'> = {},
): CpuTables {
  const run = accumulate(profile, exclude);
  const timing = new Map<Accumulator, FunctionTiming>();
  const timingOf = (entry: Accumulator) => {
    let made = timing.get(entry);
    if (!made) {
      made = toTiming(entry, run.sampledUs, options);
      timing.set(entry, made);
    }
    return made;
  };
  return {
    topSelf: [...run.entries].sort(bySelf).slice(0, top).map(timingOf),
    topTotal: [...run.entries].sort(byTotal).slice(0, top).map(timingOf),
    totalSamples: run.totalSamples,
    profileMs: run.profileMs,
  };
}
