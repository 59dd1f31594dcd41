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

/** Samples V8 took on one line of a function. */
export interface PositionTick {
  /** 1-based line in the script. */
  line: number;
  /** Samples taken on it. */
  ticks: number;
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
  /** Samples per 1-based line of the built script taken while this node was on top. */
  positionTicks?: PositionTick[];
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

/** `file:line` of a frame (1-based line), or the bare name for native and internal frames. */
export function frameLocation(frame: Pick<CallFrame, 'url' | 'lineNumber'>): string {
  if (!frame.url) return '(native)';
  const file = frame.url.startsWith('file://')
    ? decodeURIComponent(new URL(frame.url).pathname)
    : frame.url;
  return frame.lineNumber >= 0 ? `${file}:${frame.lineNumber + 1}` : file;
}
