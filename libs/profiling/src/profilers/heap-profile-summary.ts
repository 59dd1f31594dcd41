import type { AllocationSite } from '../results/profile-summary-schema.js';
import { frameLocation, type CallFrame } from './cpu-profile.js';

/** A node of V8's sampling heap profile. */
export interface HeapProfileNode {
  /** The function that allocated. */
  callFrame: CallFrame;
  /** Bytes allocated by this function itself that were still sampled. */
  selfSize: number;
  /** Id of the node, unique within the profile. */
  id?: number;
  /** The functions it called that allocated. */
  children?: HeapProfileNode[];
}

/** The `.heapprofile` document V8 returns from `HeapProfiler.stopSampling`. */
export interface SamplingHeapProfile {
  /** The root of the allocation tree. */
  head: HeapProfileNode;
}

/**
 * The allocation sites that sampled the most bytes, merged per function, largest first. Sites
 * for which `exclude` returns true are left out of the ranking and of the total.
 */
export function topAllocationSites(
  profile: SamplingHeapProfile,
  top: number,
  exclude: (frame: CallFrame) => boolean = () => false,
): AllocationSite[] {
  const sites = new Map<string, { frame: CallFrame; bytes: number }>();
  let total = 0;
  const pending: HeapProfileNode[] = [profile.head];
  while (pending.length > 0) {
    const node = pending.pop() as HeapProfileNode;
    pending.push(...(node.children ?? []));
    if (node.selfSize <= 0 || exclude(node.callFrame)) continue;
    total += node.selfSize;
    const key = `${node.callFrame.functionName}\u0000${node.callFrame.url}\u0000${node.callFrame.lineNumber}`;
    const site = sites.get(key) ?? { frame: node.callFrame, bytes: 0 };
    site.bytes += node.selfSize;
    sites.set(key, site);
  }
  return [...sites.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top)
    .map(({ frame, bytes }) => ({
      functionName: frame.functionName || '(anonymous)',
      url: frame.url,
      line: Math.max(0, frame.lineNumber + 1),
      location: frameLocation(frame),
      selfBytes: bytes,
      percent: total > 0 ? Math.round((bytes / total) * 10_000) / 100 : 0,
    }));
}
