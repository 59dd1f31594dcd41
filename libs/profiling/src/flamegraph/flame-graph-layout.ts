import type { CpuProfile, CpuProfileNode } from '../profilers/cpu-profile.js';
import { frameSource } from '../profilers/frame-source.js';
import { hotLines, type LineTicks } from '../profilers/hot-lines.js';
import type { SourceMapResolver } from '../source-map/source-map-resolver.js';

/** Hot lines listed per flame-graph frame. */
const LINES_PER_FRAME = 5;

/** One bar of a flame graph: a call-tree node, placed by its share of the samples. */
export interface FlameFrame {
  /** Function name, `(anonymous)` when V8 has none. */
  name: string;
  /**
   * `file:line`: the original source (relative to the resolver's root) when the layout was
   * given source maps and the frame mapped, else the built location, or `(native)`.
   */
  location: string;
  /** `file:line` of the built code V8 ran. */
  builtLocation: string;
  /** Hottest lines of this frame's own samples (position ticks), in `location`'s file. */
  lines: LineTicks[];
  /** Depth in the call tree; the root is 0. */
  depth: number;
  /** Start, as a fraction of all samples (0–1). */
  x: number;
  /** Width, as a fraction of all samples (0–1). */
  width: number;
  /** Samples in this frame and everything it called. */
  samples: number;
  /** Samples in this frame itself. */
  selfSamples: number;
}

/** A flame graph's frames, root first, each parent before its children. */
export interface FlameGraph {
  /** Every frame drawn, root first. */
  frames: FlameFrame[];
  /** Samples under the root: the width of the whole graph. */
  totalSamples: number;
  /** Depth of the deepest frame (the root is 0). */
  maxDepth: number;
  /** Sampled wall time, ms. */
  profileMs: number;
}

function selfCounts(profile: CpuProfile): Map<number, number> {
  const counts = new Map<number, number>();
  if (profile.samples && profile.samples.length > 0) {
    for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) counts.set(node.id, node.hitCount ?? 0);
  }
  return counts;
}

function rootOf(profile: CpuProfile): CpuProfileNode | undefined {
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  return profile.nodes.find((node) => !children.has(node.id));
}

/**
 * Lays out a `.cpuprofile` as an icicle (root on top): each node's width is its share of the
 * samples (its own and its callees'), children sorted by name so the same profile always
 * draws the same way. With `sourceMaps`, frames are located in their original sources. Pure
 * but for the resolver's cached reads.
 */
export function layoutFlameGraph(profile: CpuProfile, sourceMaps?: SourceMapResolver): FlameGraph {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = selfCounts(profile);
  const totals = new Map<number, number>();
  const total = (id: number, seen: Set<number>): number => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a malformed profile with a cycle must not recurse forever
    seen.add(id);
    const node = byId.get(id);
    const sum =
      (self.get(id) ?? 0) +
      (node?.children ?? []).reduce((acc, child) => acc + total(child, seen), 0);
    totals.set(id, sum);
    return sum;
  };
  const root = rootOf(profile);
  const totalSamples = root ? total(root.id, new Set()) : 0;
  const frames: FlameFrame[] = [];
  let maxDepth = 0;
  const place = (node: CpuProfileNode, depth: number, x: number): void => {
    const samples = totals.get(node.id) ?? 0;
    if (samples === 0 || totalSamples === 0) return;
    maxDepth = Math.max(maxDepth, depth);
    const located = frameSource(node.callFrame, sourceMaps);
    frames.push({
      name: node.callFrame.functionName || '(anonymous)',
      location: located.location,
      builtLocation: located.builtLocation,
      lines: hotLines(
        node.callFrame,
        located,
        (node.positionTicks ?? []).map((t) => [t.line, t.ticks] as const),
        sourceMaps,
        LINES_PER_FRAME,
      ),
      depth,
      x: x / totalSamples,
      width: samples / totalSamples,
      samples,
      selfSamples: self.get(node.id) ?? 0,
    });
    const children = (node.children ?? [])
      .map((id) => byId.get(id))
      .filter((child): child is CpuProfileNode => child !== undefined)
      .sort(
        (a, b) =>
          a.callFrame.functionName.localeCompare(b.callFrame.functionName, 'en') || a.id - b.id,
      );
    let offset = x;
    for (const child of children) {
      place(child, depth + 1, offset);
      offset += totals.get(child.id) ?? 0;
    }
  };
  if (root) place(root, 0, 0);
  return {
    frames,
    totalSamples,
    maxDepth,
    profileMs: Math.max(0, (profile.endTime - profile.startTime) / 1000),
  };
}
