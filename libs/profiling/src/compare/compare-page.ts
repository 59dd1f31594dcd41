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
/**
 * A change of self time this small, as a fraction of the base's time per iteration, is drawn
 * neutral: it is below what a profile of a few thousand samples resolves.
 */
const NEUTRAL_CHANGE = 0.005;

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

/** Per iteration of the case, what a frame's own code took on each side while profiled, ns. */
function selfTimes(frame: DiffFlameFrame, ns: { base: number; head: number }) {
  return { base: frame.baseSelfShare * ns.base, head: frame.headSelfShare * ns.head };
}

/**
 * Red for a frame whose own time per iteration grew against the base, blue for one whose time
 * shrank, the deeper the more it changed (relative to the case's largest change); grey when
 * unchanged. Time, not share: a function that takes as long as before keeps its colour however
 * much the case around it grew.
 */
function growthColour(change: number, scale: number, baseNs: number): string {
  if (Math.abs(change) < NEUTRAL_CHANGE * baseNs) return 'hsl(0,0%,86%)';
  const depth = Math.min(1, Math.abs(change) / scale);
  const light = Math.round(85 - depth * 37);
  return change > 0 ? `hsl(0,85%,${light}%)` : `hsl(215,85%,${light}%)`;
}

/**
 * The head's call tree, each frame coloured by how its own time per iteration changed against
 * the base (`ns`: each side's time per iteration while profiled). Pure.
 */
function renderDifferentialFlameGraph(
  frames: readonly DiffFlameFrame[],
  ns: { base: number; head: number },
): string {
  const change = (frame: DiffFlameFrame) => {
    const self = selfTimes(frame, ns);
    return self.head - self.base;
  };
  const scale = Math.max(NEUTRAL_CHANGE * 2 * ns.base, ...frames.map((f) => Math.abs(change(f))));
  return renderFramesSvg(
    frames,
    {
      totalSamples: frames[0]?.samples ?? 0,
      maxDepth: Math.max(0, ...frames.map((f) => f.depth)),
    },
    {
      width: GRAPH_WIDTH,
      rowHeight: ROW_HEIGHT,
      fill: (frame) => growthColour(change(frame), scale, ns.base),
      label: (frame) => {
        const self = selfTimes(frame, ns);
        return `${frame.name} (${frame.location}): self ${formatNs(self.base, false)} → ${formatNs(self.head, false)} per iteration (${formatNs(self.head - self.base, true)}), ${percent(frame.baseSelfShare)} → ${percent(frame.headSelfShare)} of the case`;
      },
    },
  );
}

function formatNs(ns: number, signed = true): string {
  const abs = Math.abs(ns);
  const sign = signed ? (ns < 0 ? '−' : '+') : '';
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
<p>${explanation.samples.base} base / ${explanation.samples.head} head samples every ${explanation.sampleIntervalUs} µs inside the case; ${formatNs(explanation.nsPerIteration.base, false)} → ${formatNs(explanation.nsPerIteration.head, false)} per iteration while profiled (without inlining). Functions listed when their self time per iteration changed by more than ${explanation.noiseZ} standard errors of sampling noise and by at least the threshold.</p>
${table}
${warnings}
<p class="legend">Differential flame graph: the head's call tree; a frame's own time per iteration <span style="background:hsl(0,85%,55%)"></span>grew, <span style="background:hsl(215,85%,55%)"></span>shrank or <span style="background:hsl(0,0%,86%)"></span>stayed (against the base). Hover a frame for its times.</p>
${renderDifferentialFlameGraph(explanation.flame, explanation.nsPerIteration)}
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
