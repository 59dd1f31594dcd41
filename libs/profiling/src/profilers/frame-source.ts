import type { MappingStatus, SourcePosition } from '../results/profile-summary-schema.js';
import type { SourceMapResolver } from '../source-map/source-map-resolver.js';
import { frameLocation, type CallFrame } from './cpu-profile.js';

/** Where a call frame's code is: its source when mapped, else the built code V8 ran. */
export interface FrameSource {
  /** `file:line` to show: the source (relative to the root) when mapped, else the built location. */
  readonly location: string;
  /** `file:line` of the built code. */
  readonly builtLocation: string;
  /** How `location` was found; absent when no resolver was asked. */
  readonly mapping?: MappingStatus;
  /** The original position, when mapped. */
  readonly source?: SourcePosition;
}

/** The location of a call frame, through the source maps when a resolver is given. */
export function frameSource(frame: CallFrame, sourceMaps?: SourceMapResolver): FrameSource {
  const builtLocation = frameLocation(frame);
  if (!sourceMaps) return { location: builtLocation, builtLocation };
  const resolved = sourceMaps.resolve(frame.url, frame.lineNumber, frame.columnNumber);
  if (!resolved.source) return { location: builtLocation, builtLocation, mapping: resolved.status };
  return {
    location: `${resolved.source.file}:${resolved.source.line}`,
    builtLocation,
    mapping: resolved.status,
    source: resolved.source,
  };
}
