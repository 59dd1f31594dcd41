import type { SourceMapResolver } from '../source-map/source-map-resolver.js';
import type { CallFrame } from './cpu-profile.js';
import type { FrameSource } from './frame-source.js';

/** One line's samples within a function. */
export interface LineTicks {
  /** 1-based line in the file of the function's location. */
  readonly line: number;
  /** Samples taken on it. */
  readonly ticks: number;
  /** Its share of the function's samples, 0–1. */
  readonly share: number;
}

/** Lines kept per function in a summary. */
export const HOT_LINES_PER_FUNCTION = 10;

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * A function's hottest lines from V8's position ticks (`[built line, samples]` pairs), in the file its
 * `location` names: through the source map when the function was mapped (ticks on a line that
 * maps into another file, or not at all, count in the shares but are not listed), else the
 * built lines. Pure but for the resolver's cached reads.
 */
export function hotLines(
  frame: CallFrame,
  located: FrameSource,
  ticks: Iterable<readonly [line: number, ticks: number]>,
  sourceMaps: SourceMapResolver | undefined,
  limit = HOT_LINES_PER_FUNCTION,
): LineTicks[] {
  const entries = [...ticks];
  if (frame.url === '') return []; // native code: its lines are in no file
  let total = 0;
  for (const [, count] of entries) total += count;
  if (total === 0) return [];
  const byLine = new Map<number, number>();
  for (const [builtLine, count] of entries) {
    let line: number | undefined = builtLine;
    if (located.source && sourceMaps) {
      // The tick's column is unknown: on the function's own line its start, elsewhere the
      // line's first mapped position.
      const column = builtLine === frame.lineNumber + 1 ? frame.columnNumber : -1;
      const resolved = sourceMaps.resolve(frame.url, builtLine - 1, column);
      line = resolved.source?.file === located.source.file ? resolved.source.line : undefined;
    }
    if (line !== undefined && line > 0) byLine.set(line, (byLine.get(line) ?? 0) + count);
  }
  return [...byLine]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([line, count]) => ({ line, ticks: count, share: round(count / total, 4) }));
}
