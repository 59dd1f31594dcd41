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
 * The part of a side thread's profile that is the case: every call of the case's function
 * (wherever the measuring loop called it from) merged under one root, with only the samples
 * taken inside them. What is left out — the measuring loop, its sample buffers and their
 * collection, the thread waiting while the other side ran — is the same on both sides and would
 * only dilute the case's shares. Without `caseFunction`, or when no frame is at it, the whole
 * profile less the idle samples. Pure.
 */
export function caseCallTree(profile: CpuProfile, caseFunction?: FunctionPosition): CpuProfile {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inCase = (node: CpuProfileNode): boolean => {
    for (let id = parent.get(node.id); id !== undefined; id = parent.get(id))
      if (caseFunction && isAt(byId.get(id)!.callFrame, caseFunction)) return true;
    return false;
  };
  let tops = caseFunction
    ? profile.nodes.filter((node) => isAt(node.callFrame, caseFunction) && !inCase(node))
    : [];
  if (tops.length === 0) {
    const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
    tops = profile.nodes
      .filter((node) => !children.has(node.id))
      .flatMap((root) => (root.children ?? []).map((id) => byId.get(id)!))
      .filter((node) => node && node.callFrame.functionName !== '(idle)');
  }

  const root: CpuProfileNode = { id: 1, callFrame: ROOT_FRAME, children: [] };
  const nodes: CpuProfileNode[] = [root];
  const childByKey = new Map<number, Map<string, CpuProfileNode>>();
  const merged = new Map<number, number>();
  const merge = (node: CpuProfileNode, into: CpuProfileNode, seen: Set<number>): void => {
    if (seen.has(node.id)) return; // a malformed profile with a cycle
    seen.add(node.id);
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
      if (child) merge(child, target, seen);
    }
  };
  const seen = new Set<number>();
  for (const top of tops) merge(top, root, seen);

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const kept = samples.flatMap((id, i) => (merged.has(id) ? [i] : []));
  const hits = new Map<number, number>();
  for (const i of kept) {
    const id = merged.get(samples[i]!)!;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  return {
    nodes: nodes.map((node) => ({ ...node, hitCount: hits.get(node.id) ?? 0 })),
    startTime: profile.startTime,
    endTime: profile.endTime,
    samples: kept.map((i) => merged.get(samples[i]!)!),
    timeDeltas: kept.map((i) => deltas[i] ?? 0),
  };
}
