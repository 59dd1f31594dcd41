import type { FunctionTiming } from '../results/profile-summary-schema.js';

/** The V8 call frame of a profile node. */
export interface CallFrame {
  /** Name of the function; empty for an anonymous one. */
  functionName: string;
  /** V8's id of the script the function is in. */
  scriptId?: string;
  /** URL of that script (`file://…`, `node:…`), empty for native code. */
  url: string;
  /** 0-based, -1 when unknown. */
  lineNumber: number;
  /** 0-based, -1 when unknown. */
  columnNumber: number;
}

/** A node of a `.cpuprofile` call tree. */
export interface CpuProfileNode {
  /** Id of the node, unique within the profile. */
  id: number;
  /** The function this node stands for. */
  callFrame: CallFrame;
  /** Samples taken while this node was on top of the stack. */
  hitCount?: number;
  /** Ids of the nodes it called. */
  children?: number[];
}

/** The `.cpuprofile` document V8 returns from `Profiler.stop` (times in µs). */
export interface CpuProfile {
  /** The call tree, root first. */
  nodes: CpuProfileNode[];
  /** Start of profiling, µs. */
  startTime: number;
  /** End of profiling, µs. */
  endTime: number;
  /** Node id on top of the stack at each sample. */
  samples?: number[];
  /** µs since the previous sample, one per sample. */
  timeDeltas?: number[];
}

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

interface Accumulator {
  frame: CallFrame;
  selfUs: number;
  totalUs: number;
  hits: number;
}

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}

function displayName(frame: CallFrame): string {
  return frame.functionName || '(anonymous)';
}

/** `file:line` of a frame (1-based line), or the bare name for native and internal frames. */
export function frameLocation(frame: Pick<CallFrame, 'url' | 'lineNumber'>): string {
  if (!frame.url) return '(native)';
  const file = frame.url.startsWith('file://')
    ? decodeURIComponent(new URL(frame.url).pathname)
    : frame.url;
  return frame.lineNumber >= 0 ? `${file}:${frame.lineNumber + 1}` : file;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function toTiming(entry: Accumulator, sampledUs: number): FunctionTiming {
  const percent = (us: number) => (sampledUs > 0 ? round((us / sampledUs) * 100, 2) : 0);
  return {
    functionName: displayName(entry.frame),
    url: entry.frame.url,
    line: Math.max(0, entry.frame.lineNumber + 1),
    column: Math.max(0, entry.frame.columnNumber + 1),
    location: frameLocation(entry.frame),
    selfMs: round(entry.selfUs / 1000),
    totalMs: round(entry.totalUs / 1000),
    selfPercent: percent(entry.selfUs),
    totalPercent: percent(entry.totalUs),
    hitCount: entry.hits,
  };
}

/**
 * Ranks the functions of a CPU profile by self time (time on top of the stack) and by total
 * time (time anywhere on the stack, counted once per sample so recursion is not double-counted).
 * A sample is charged the time until the next sample. Functions for which `exclude` returns
 * true are left out of both tables (their time still counts in the percentages' total).
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  top: number,
  exclude: (frame: CallFrame) => boolean = () => false,
): CpuTables {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const functions = new Map<string, Accumulator>();
  const entryOf = (frame: CallFrame): Accumulator => {
    const key = frameKey(frame);
    let entry = functions.get(key);
    if (!entry) {
      entry = { frame, selfUs: 0, totalUs: 0, hits: 0 };
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

  const all = [...functions.values()];
  const rank = (pick: (entry: Accumulator) => number) =>
    [...all]
      .sort((a, b) => pick(b) - pick(a) || b.hits - a.hits)
      .slice(0, top)
      .map((entry) => toTiming(entry, sampledUs));
  return {
    topSelf: rank((entry) => entry.selfUs),
    topTotal: rank((entry) => entry.totalUs),
    totalSamples: samples.length,
    profileMs: round((profile.endTime - profile.startTime) / 1000),
  };
}
