import { frameLocation, type CpuProfile, type CpuProfileNode } from '../profilers/cpu-profile.js';

/** One bar of a flame graph: a call-tree node, placed by its share of the samples. */
export interface FlameFrame {
  /** Function name, `(anonymous)` when V8 has none. */
  name: string;
  /** `file:line`, or `(native)`. */
  location: string;
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
 * draws the same way. Pure.
 */
export function layoutFlameGraph(profile: CpuProfile): FlameGraph {
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
    frames.push({
      name: node.callFrame.functionName || '(anonymous)',
      location: frameLocation(node.callFrame),
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
