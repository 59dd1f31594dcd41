export { layoutFlameGraph, type FlameFrame, type FlameGraph } from './flame-graph-layout.js';
export type { LineTicks } from '../profilers/hot-lines.js';
export type { SourceMapResolver, ResolvedPosition } from '../source-map/source-map-resolver.js';
export { renderFlameGraphSvg, escapeMarkup, type FlameGraphSvgOptions } from './flame-graph-svg.js';
export { renderFlameGraphPage, type FlameGraphPageOptions } from './flame-graph-page.js';
export { renderOfflinePage, OFFLINE_CSP, type OfflinePage } from './offline-page.js';
export { parseCpuProfile, CpuProfileSchema, CpuProfileFormatError } from './cpu-profile-schema.js';
export type {
  CpuProfile,
  CpuProfileNode,
  CallFrame,
  PositionTick,
} from '../profilers/cpu-profile.js';
