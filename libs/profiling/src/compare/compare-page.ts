import { escapeMarkup, renderFramesSvg } from '../flamegraph/flame-graph-svg.js';
import { renderOfflinePage } from '../flamegraph/offline-page.js';
import type {
  CompareCase,
  CompareDocument,
  DiffFlameFrame,
} from '../results/compare-document-schema.js';
import { formatCompareTable } from './compare-table.js';

/** Width of a differential flame graph, px. */
const GRAPH_WIDTH = 1200;
const ROW_HEIGHT = 18;
/** A change of self share this small is drawn neutral: it is below what a profile resolves. */
const NEUTRAL_SHARE = 0.002;

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222;max-width:1260px}
pre{background:#f6f6f6;padding:.75rem;overflow-x:auto;font-size:12px}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right;font-size:13px}
td:first-child,th:first-child,td.where{text-align:left}code{font-size:12px}
.grew{color:#b00}.shrank{color:#0645ad}.legend span{display:inline-block;width:1.2em;height:.9em;vertical-align:middle;margin:0 .2em}
.flame-graph text{pointer-events:none;fill:#111}.flame-graph .frame:hover rect{stroke:#000;stroke-width:.5}
section{margin-top:2rem}`;

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/**
 * Red for a frame whose self share grew against the base, blue for one that shrank, the
 * deeper the more it changed (relative to the case's largest change); grey when unchanged.
 */
function growthColour(frame: DiffFlameFrame, scale: number): string {
  const change = frame.headSelfShare - frame.baseSelfShare;
  if (Math.abs(change) < NEUTRAL_SHARE) return 'hsl(0,0%,86%)';
  const depth = Math.min(1, Math.abs(change) / scale);
  const light = Math.round(88 - depth * 40);
  return change > 0 ? `hsl(0,85%,${light}%)` : `hsl(215,85%,${light}%)`;
}

function flameLabel(frame: DiffFlameFrame): string {
  const change = frame.headSelfShare - frame.baseSelfShare;
  return `${frame.name} (${frame.location}): self ${percent(frame.baseSelfShare)} → ${percent(frame.headSelfShare)} of the case (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} points), ${frame.samples} head samples with callees`;
}

/** The head's call tree coloured by each frame's growth against the base. Pure. */
export function renderDifferentialFlameGraph(frames: readonly DiffFlameFrame[]): string {
  const scale = Math.max(
    NEUTRAL_SHARE * 2,
    ...frames.map((f) => Math.abs(f.headSelfShare - f.baseSelfShare)),
  );
  return renderFramesSvg(
    frames,
    {
      totalSamples: frames[0]?.samples ?? 0,
      maxDepth: Math.max(0, ...frames.map((f) => f.depth)),
    },
    {
      width: GRAPH_WIDTH,
      rowHeight: ROW_HEIGHT,
      fill: (frame) => growthColour(frame, scale),
      label: flameLabel,
    },
  );
}

function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  const sign = ns < 0 ? '−' : '+';
  if (abs >= 1e6) return `${sign}${(abs / 1e6).toFixed(2)} ms`;
  if (abs >= 1e3) return `${sign}${(abs / 1e3).toFixed(2)} µs`;
  return `${sign}${abs.toFixed(1)} ns`;
}

function explanationSection(c: CompareCase): string {
  const explanation = c.explanation!;
  const rows = explanation.frames
    .map(
      (f) =>
        `<tr class="${f.change}"><td>${escapeMarkup(f.functionName)}</td><td class="where"><code>${escapeMarkup(f.location)}</code></td><td>${formatNs(f.deltaNs)}</td><td>${percent(f.base.share)} → ${percent(f.head.share)}</td><td>${f.base.samples} / ${f.head.samples}</td><td class="where"><code>${escapeMarkup(f.builtLocation)}</code></td></tr>`,
    )
    .join('\n');
  const table =
    explanation.frames.length > 0
      ? `<table><thead><tr><th>function</th><th>line that changed most</th><th>self time per iteration</th><th>share of the case, base → head</th><th>samples base / head</th><th>built code</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
      : '<p>No function changed beyond sampling noise.</p>';
  const warnings =
    explanation.sourceMapWarnings.length > 0
      ? `<details open class="source-map-warnings"><summary>${explanation.sourceMapWarnings.length} built file(s) kept their built location</summary><ul>${explanation.sourceMapWarnings.map((w) => `<li><code>${escapeMarkup(w.code)}</code> ${escapeMarkup(w.message)}</li>`).join('')}</ul></details>`
      : '';
  return `<section class="case" data-case="${escapeMarkup(c.id)}">
<h2>${escapeMarkup(c.id)}: ${escapeMarkup(c.verdict)} (${c.ratio.toFixed(3)}×)</h2>
<p>${explanation.samples.base} base / ${explanation.samples.head} head samples every ${explanation.sampleIntervalUs} µs. Functions listed when their self time per iteration changed by more than ${explanation.noiseZ} standard errors of sampling noise and by at least the threshold.</p>
${table}
${warnings}
<p class="legend">Differential flame graph: the head's call tree; <span style="background:hsl(0,85%,55%)"></span>self time grew, <span style="background:hsl(215,85%,55%)"></span>shrank, <span style="background:hsl(0,0%,86%)"></span>unchanged (against the base). Hover a frame for its shares.</p>
${renderDifferentialFlameGraph(explanation.flame)}
</section>`;
}

/**
 * The comparison as a self-contained HTML page (no network): the table, then for every
 * explained case the functions whose self time changed and its differential flame graph.
 * Pure.
 */
export function renderComparePage(document: CompareDocument): string {
  const explained = document.cases.filter((c) => c.explanation);
  return renderOfflinePage({
    title: `Comparison: ${document.project}`,
    style: STYLE,
    body: `<h1>Comparison: ${escapeMarkup(document.project)}</h1>
<pre>${escapeMarkup(formatCompareTable(document, false))}</pre>
${explained.length > 0 ? explained.map(explanationSection).join('\n') : '<p>No case was explained (run with <code>--explain</code>, or a case is slower).</p>'}`,
  });
}
