import type { CpuProfile } from '../profilers/cpu-profile.js';
import type { SourceMapResolver } from '../source-map/source-map-resolver.js';
import { layoutFlameGraph } from './flame-graph-layout.js';
import { escapeMarkup, renderFlameGraphSvg } from './flame-graph-svg.js';
import { renderOfflinePage } from './offline-page.js';

/** What the flame-graph page says about its profile. */
export interface FlameGraphPageOptions {
  /** Page heading, e.g. the profile's scenario name. */
  title: string;
  /** Link to the raw `.cpuprofile` (relative), for Chrome DevTools or speedscope. */
  profileHref?: string;
  /** Link back, e.g. to the report page (relative). */
  backHref?: string;
  /**
   * Locates frames and their hot lines in the original sources (see `createSourceMapResolver`);
   * the page lists the built files that kept their built location, and why.
   */
  sourceMaps?: SourceMapResolver;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
.flame-graph .frame{cursor:pointer}.flame-graph .frame:hover rect{stroke:#000;stroke-width:.5}
.flame-graph text{pointer-events:none;fill:#222}#details{font-family:monospace;min-height:2.8em;white-space:pre-line}
button{margin:.5rem 0}`;

// Click a frame to zoom into it; "Reset zoom" shows the whole profile again.
const SCRIPT = `(function(){var svg=document.querySelector('svg.flame-graph');if(!svg)return;
var W=+svg.getAttribute('width'),frames=[].slice.call(svg.querySelectorAll('g.frame'));
var details=document.getElementById('details');
function zoom(x0,w0,d0){frames.forEach(function(g){var x=+g.dataset.x,w=+g.dataset.w,d=+g.dataset.depth;
var r=g.querySelector('rect'),t=g.querySelector('text');var inside=x+w>x0+1e-12&&x<x0+w0-1e-12&&(d>=d0||(x<=x0+1e-12&&x+w>=x0+w0-1e-12));
g.style.display=inside?'':'none';if(!inside)return;var nx=Math.max(0,(x-x0)/w0*W),nw=Math.min(W,(x+w-x0)/w0*W)-nx;
r.setAttribute('x',nx.toFixed(2));r.setAttribute('width',Math.max(0,nw).toFixed(2));
if(t){t.setAttribute('x',(nx+3).toFixed(2));var c=Math.floor((nw-6)/7),n=g.dataset.name;t.textContent=c>=3?(n.length>c?n.slice(0,c-1)+'\\u2026':n):'';}});}
frames.forEach(function(g){g.addEventListener('click',function(){zoom(+g.dataset.x,+g.dataset.w,+g.dataset.depth);});
g.addEventListener('mouseenter',function(){details.textContent=g.querySelector('title').textContent;});});
document.getElementById('reset').addEventListener('click',function(){zoom(0,1,0);});})();`;

/**
 * A self-contained HTML page showing a `.cpuprofile` as a flame graph: the SVG is drawn here
 * (no viewer, no network), with click-to-zoom and hover details (location, hottest lines)
 * from an inline script. Pure but for the resolver's cached reads.
 */
export function renderFlameGraphPage(profile: CpuProfile, options: FlameGraphPageOptions): string {
  const graph = layoutFlameGraph(profile, options.sourceMaps);
  const svg = renderFlameGraphSvg(profile, { sourceMaps: options.sourceMaps });
  const warnings = options.sourceMaps?.warnings() ?? [];
  const warningList =
    warnings.length > 0
      ? `<details class="source-map-warnings"><summary>${warnings.length} built file(s) kept their built location</summary><ul>${warnings.map((w) => `<li><code>${escapeMarkup(w.code)}</code> ${escapeMarkup(w.message)}</li>`).join('')}</ul></details>\n`
      : '';
  const links = [
    options.backHref ? `<a href="${escapeMarkup(options.backHref)}">← report</a>` : '',
    options.profileHref ? `<a href="${escapeMarkup(options.profileHref)}">raw .cpuprofile</a>` : '',
  ].filter(Boolean);
  return renderOfflinePage({
    title: `Flame graph: ${options.title}`,
    style: STYLE,
    body: `<h1>Flame graph: ${escapeMarkup(options.title)}</h1>
<p>${graph.totalSamples} samples over ${graph.profileMs.toFixed(1)} ms. Callers above callees; a frame's width is its share of the samples. Click a frame to zoom.${links.length > 0 ? ` ${links.join(' · ')}` : ''}</p>
${warningList}<button id="reset" type="button">Reset zoom</button>
<div id="details"></div>
${svg}`,
    script: SCRIPT,
  });
}
