import type { CpuProfile } from '../profilers/cpu-profile.js';
import type { SourceMapResolver } from '../source-map/source-map-resolver.js';
import { layoutFlameGraph, type FlameFrame } from './flame-graph-layout.js';

/** Size of a drawn flame graph. */
export interface FlameGraphSvgOptions {
  /** Width in px (default 1200). */
  width?: number;
  /** Height of one row in px (default 18). */
  rowHeight?: number;
  /** Locates frames and their hot lines in the original sources (see `createSourceMapResolver`). */
  sourceMaps?: SourceMapResolver;
}

/** Escapes text for XML and HTML content and attribute values. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// A warm colour from the name, so a function keeps its colour across profiles.
function colourOf(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  const hue = hash % 50;
  const light = 55 + ((hash >>> 8) % 15);
  return `hsl(${hue},85%,${light}%)`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What a bar of a flame graph needs to be drawn. */
export interface DrawnFrame {
  name: string;
  depth: number;
  /** Start and width as fractions of the graph's width. */
  x: number;
  width: number;
  samples: number;
}

/** How the bars of a flame graph are drawn. */
export interface FrameDrawing<F extends DrawnFrame> {
  width: number;
  rowHeight: number;
  /** The bar's fill colour. */
  fill: (frame: F) => string;
  /** The bar's tooltip. */
  label: (frame: F) => string;
}

function hotFrameLabel(frame: FlameFrame, total: number): string {
  const percent = ((frame.samples / total) * 100).toFixed(2);
  const built = frame.builtLocation === frame.location ? '' : ` [built ${frame.builtLocation}]`;
  const lines =
    frame.lines.length > 0
      ? `\nhot lines: ${frame.lines.map((l) => `:${l.line} ${(l.share * 100).toFixed(1)}% (${l.ticks})`).join(', ')}`
      : '';
  return `${frame.name} (${frame.location}): ${frame.samples} samples, ${percent}%, self ${frame.selfSamples}${built}${lines}`;
}

function frameMarkup<F extends DrawnFrame>(frame: F, drawing: FrameDrawing<F>): string {
  const { width, rowHeight } = drawing;
  const x = round(frame.x * width);
  const w = round(frame.width * width);
  const y = frame.depth * rowHeight;
  const label = drawing.label(frame);
  // Room for about one character per 7 px; a frame too narrow for 3 characters has no label.
  const chars = Math.floor((w - 6) / 7);
  const text =
    chars >= 3
      ? `<text x="${round(x + 3)}" y="${y + rowHeight - 5}">${escapeMarkup(frame.name.length > chars ? `${frame.name.slice(0, chars - 1)}…` : frame.name)}</text>`
      : '';
  return (
    `<g class="frame" data-name="${escapeMarkup(frame.name)}" data-samples="${frame.samples}" data-x="${frame.x}" data-w="${frame.width}" data-depth="${frame.depth}">` +
    `<title>${escapeMarkup(label)}</title>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${rowHeight - 1}" fill="${drawing.fill(frame)}"/>${text}</g>`
  );
}

/**
 * Draws laid-out frames as an SVG icicle chart (root on top): every frame a `<g class="frame">`
 * with `data-name`, `data-samples` and a `<title>` tooltip, coloured and labelled as `drawing`
 * says. Pure.
 */
export function renderFramesSvg<F extends DrawnFrame>(
  frames: readonly F[],
  graph: { totalSamples: number; maxDepth: number },
  drawing: FrameDrawing<F>,
): string {
  const height = (graph.maxDepth + 1) * drawing.rowHeight;
  const markup = frames.map((frame) => frameMarkup(frame, drawing)).join('\n');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="flame-graph" width="${drawing.width}" height="${height}" viewBox="0 0 ${drawing.width} ${height}" data-total-samples="${graph.totalSamples}" font-family="monospace" font-size="11">\n` +
    `${markup}\n</svg>`
  );
}

/**
 * Draws a `.cpuprofile` as an SVG icicle chart (root on top, callees below, widths
 * proportional to samples). Every frame is a `<g class="frame">` with `data-name`,
 * `data-samples` and a `<title>` tooltip naming its location and its hottest lines. Pure but
 * for the resolver's cached reads: the same profile and files give the same bytes.
 */
export function renderFlameGraphSvg(
  profile: CpuProfile,
  options: FlameGraphSvgOptions = {},
): string {
  const width = options.width ?? 1200;
  const rowHeight = options.rowHeight ?? 18;
  const graph = layoutFlameGraph(profile, options.sourceMaps);
  return renderFramesSvg(graph.frames, graph, {
    width,
    rowHeight,
    fill: (frame) => colourOf(frame.name),
    label: (frame) => hotFrameLabel(frame, graph.totalSamples),
  });
}
