import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { parseCpuProfile } from '../flamegraph/cpu-profile-schema.js';
import { layoutFlameGraph, type FlameFrame } from '../flamegraph/flame-graph-layout.js';
import { cpuFunctionTimes } from '../profilers/cpu-profile-summary.js';
import type { MappingStatus, SourceMapWarning } from '../results/profile-summary-schema.js';
import {
  createCachedSourceMapResolver,
  type SourceMapCache,
} from '../source-map/source-map-resolver.js';
import { sampleStandardDeviation } from 'simple-statistics';
import { median } from '../stats/median.js';
import { caseCallTree } from './case-call-tree.js';
import type { WorkerResult } from './worker-protocol.js';

/** One function of a side's profile: where it is and how often it was on top of the stack. */
export interface SideFunction {
  functionName: string;
  /** `file:line` of its start: the source when mapped, else the built code (relative to the checkout). */
  functionLocation: string;
  /** `file:line` of the built code (relative to the checkout when inside it). */
  builtLocation: string;
  /** The file its lines are numbered in: `functionLocation` without the line. */
  file: string;
  mapping?: MappingStatus;
  /** Samples with it on top of the stack. */
  samples: number;
  /** Its samples per 1-based line of `file`. */
  lines: { line: number; samples: number }[];
}

/** A flame-graph frame with the path from the root that identifies it across profiles. */
export interface PathFrame extends FlameFrame {
  path: string;
}

/** What a case's profile on one side comes to, its locations relative to the side's checkout. */
export interface SideProfile {
  /** Samples inside the case's function (see `caseCallTree`). */
  samples: number;
  /** Median time per iteration of the slices run under the profiler, ns. */
  nsPerIteration: number;
  /** Standard error of `nsPerIteration` as a fraction of it, from the slices' spread. */
  nsRelativeError: number;
  /**
   * Median time per iteration of each block of slices, ns, in the order the blocks ran: the
   * base's block i and the head's block i ran next to each other (ABBA), so their ratios pair.
   */
  blockNs: number[];
  functions: SideFunction[];
  /** The call tree as a flame graph, root first, each frame with its path. */
  flame: PathFrame[];
  warnings: SourceMapWarning[];
}

const THIRD_PARTY = /(^|[\\/])node_modules[\\/]/;

/** Makes a location relative to the checkout it ran from, so both sides name files alike. */
function inCheckout(location: string, root: string): string {
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  const relative = location.startsWith(prefix) ? location.slice(prefix.length) : location;
  return sep === '/' ? relative : relative.split(sep).join('/');
}

function fileOf(location: string): string {
  const colon = location.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(location.slice(colon + 1)) ? location.slice(0, colon) : location;
}

/**
 * Reads the `.cpuprofile`s one side wrote for a case (one per block of slices), keeps the calls of the case's function
 * (see `caseCallTree`) and locates their functions, lines and call tree in that side's
 * checkout through the source-map resolver (frames it cannot map keep their built location,
 * and its warnings come along). `root` is the checkout. Functions found at one location (native
 * code, or built functions mapped to one source line) are counted as one.
 */
export function readSideProfile(
  file: NonNullable<WorkerResult['profiles']>[number]['base'],
  root: string,
  cache: SourceMapCache,
): SideProfile {
  const profile = caseCallTree(
    file.paths.map((path) => parseCpuProfile(readFileSync(path, 'utf8'), path)),
    file.caseFunction,
  );
  const sourceMaps = createCachedSourceMapResolver({ root }, cache);
  const times = cpuFunctionTimes(profile, { sourceMaps, hotLines: Number.MAX_SAFE_INTEGER });
  const byKey = new Map<string, SideFunction>();
  for (const timing of times.functions) {
    if (timing.hitCount === 0) continue;
    const functionLocation = inCheckout(timing.location, sourceMaps.root);
    const key = `${timing.functionName}\u0000${functionLocation}`;
    const lines = (timing.lines ?? []).map((line) => ({ line: line.line, samples: line.ticks }));
    const known = byKey.get(key);
    if (known) {
      known.samples += timing.hitCount;
      for (const line of lines) {
        const same = known.lines.find((l) => l.line === line.line);
        if (same) same.samples += line.samples;
        else known.lines.push(line);
      }
      continue;
    }
    byKey.set(key, {
      functionName: timing.functionName,
      functionLocation,
      builtLocation: inCheckout(timing.builtLocation ?? timing.location, sourceMaps.root),
      file: fileOf(functionLocation),
      ...(timing.mapping ? { mapping: timing.mapping } : {}),
      samples: timing.hitCount,
      lines,
    });
  }
  const functions = [...byKey.values()];
  const graph = layoutFlameGraph(profile, sourceMaps);
  const stack: string[] = [];
  const flame = graph.frames.map((frame): PathFrame => {
    const location = inCheckout(frame.location, sourceMaps.root);
    stack.length = frame.depth;
    const path = `${stack.at(-1) ?? ''}\n${frame.name}@${location}`;
    stack.push(path);
    return {
      ...frame,
      location,
      builtLocation: inCheckout(frame.builtLocation, sourceMaps.root),
      path,
    };
  });
  const logs = file.sliceNs.map(Math.log);
  // The worker writes one profile per block and records the slices in block order, each block
  // but the last of one size.
  const perBlock = Math.ceil(file.sliceNs.length / Math.max(1, file.paths.length));
  const blockNs: number[] = [];
  for (let start = 0; start < file.sliceNs.length; start += perBlock)
    blockNs.push(median(file.sliceNs.slice(start, start + perBlock)));
  return {
    samples: profile.samples?.length ?? 0,
    nsPerIteration: median(file.sliceNs),
    // √(π/2) · σ / √k: the standard error of a median of k normal draws, on the log scale.
    nsRelativeError:
      logs.length >= 2 ? (1.2533 * sampleStandardDeviation(logs)) / Math.sqrt(logs.length) : 0,
    blockNs,
    functions,
    flame,
    // Installed packages ship without maps as a rule; what matters is the checkout's own code.
    warnings: sourceMaps.warnings().filter((warning) => !THIRD_PARTY.test(warning.file)),
  };
}
