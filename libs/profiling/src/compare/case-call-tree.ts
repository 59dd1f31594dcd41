import type { CallFrame, CpuProfile, CpuProfileNode } from '../profilers/cpu-profile.js';
import type { FunctionPosition } from './worker-protocol.js';

const ROOT_FRAME: CallFrame = { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 };

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}

function isAt(frame: CallFrame, position: FunctionPosition): boolean {
  return (
    frame.scriptId === position.scriptId &&
    frame.lineNumber === position.lineNumber &&
    frame.columnNumber === position.columnNumber
  );
}

/**
 * The part of a side thread's profiles (one per block of slices) that is the case: every call of the case's function
 * (wherever the measuring loop called it from) merged under one root, with only the samples
 * taken inside them. What is left out — the measuring loop, its sample buffers and their
 * collection, the thread waiting while the other side ran — is the same on both sides and would
 * only dilute the case's shares. Without `caseFunction`, or when no frame is at it, the whole
 * profile less the idle samples. Pure.
 */
export function caseCallTree(
  profiles: readonly CpuProfile[],
  caseFunction?: FunctionPosition,
): CpuProfile {
  const root: CpuProfileNode = { id: 1, callFrame: ROOT_FRAME, children: [] };
  const nodes: CpuProfileNode[] = [root];
  const childByKey = new Map<number, Map<string, CpuProfileNode>>();
  const merge = (
    node: CpuProfileNode,
    into: CpuProfileNode,
    byId: ReadonlyMap<number, CpuProfileNode>,
    merged: Map<number, number>,
  ): void => {
    if (merged.has(node.id)) return; // a malformed profile with a cycle
    const key = frameKey(node.callFrame);
    let siblings = childByKey.get(into.id);
    if (!siblings) childByKey.set(into.id, (siblings = new Map<string, CpuProfileNode>()));
    let target = siblings.get(key);
    if (!target) {
      target = { id: nodes.length + 1, callFrame: node.callFrame, children: [] };
      nodes.push(target);
      siblings.set(key, target);
      into.children!.push(target.id);
    }
    if (node.positionTicks && node.positionTicks.length > 0) {
      const ticks = new Map((target.positionTicks ?? []).map((t) => [t.line, t.ticks]));
      for (const t of node.positionTicks) ticks.set(t.line, (ticks.get(t.line) ?? 0) + t.ticks);
      target.positionTicks = [...ticks].map(([line, count]) => ({ line, ticks: count }));
    }
    merged.set(node.id, target.id);
    for (const id of node.children ?? []) {
      const child = byId.get(id);
      if (child) merge(child, target, byId, merged);
    }
  };

  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const merged = new Map<number, number>();
    for (const top of topsOf(profile, byId, caseFunction)) merge(top, root, byId, merged);
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const into = merged.get(id);
      if (into === undefined) return;
      samples.push(into);
      timeDeltas.push(deltas[i] ?? 0);
    });
  }
  const hits = new Map<number, number>();
  for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  return {
    nodes: nodes.map((node) => ({ ...node, hitCount: hits.get(node.id) ?? 0 })),
    startTime: profiles[0]?.startTime ?? 0,
    endTime: profiles.reduce(
      (end, p) => end + (p.endTime - p.startTime),
      profiles[0]?.startTime ?? 0,
    ),
    samples,
    timeDeltas,
  };
}

/** The topmost calls of the case's function, or the root's children but the idle time. */
function topsOf(
  profile: CpuProfile,
  byId: ReadonlyMap<number, CpuProfileNode>,
  caseFunction: FunctionPosition | undefined,
): CpuProfileNode[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inCase = (node: CpuProfileNode): boolean => {
    for (let id = parent.get(node.id); id !== undefined; id = parent.get(id))
      if (caseFunction && isAt(byId.get(id)!.callFrame, caseFunction)) return true;
    return false;
  };
  const tops = caseFunction
    ? profile.nodes.filter((node) => isAt(node.callFrame, caseFunction) && !inCase(node))
    : [];
  if (tops.length > 0) return tops;
  return profile.nodes
    .filter((node) => !parent.has(node.id))
    .flatMap((root) => (root.children ?? []).map((id) => byId.get(id)))
    .filter(
      (node): node is CpuProfileNode =>
        node !== undefined && node.callFrame.functionName !== '(idle)',
    );
}
