import type { TargetResult } from '../analysis/target-result';
import { escapeXml as esc } from '../charts/svg-markup';
import type { Finding } from '../findings/finding';
import { formatNumber } from '../markdown/format-value';
import { formatBound, formatMeasured } from '../markdown/target-bound';
import type { FlamePage } from './flame-pages';

// Findings are written for Markdown: `code` spans become <code>, the rest is escaped text.
function inlineCode(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function statusCell(result: TargetResult): string {
  if (result.status === 'met') return '<td class="status-met">met</td>';
  if (result.status === 'missed') return '<td class="status-missed">missed</td>';
  return `<td class="status-other">${esc(result.status)}${result.reason ? ` (${esc(result.reason)})` : ''}</td>`;
}

function marginText(result: TargetResult): string {
  if (result.margin === undefined) return '—';
  return result.margin >= 1
    ? `${formatNumber(result.margin)}× better`
    : `${formatNumber(1 / result.margin)}× worse`;
}

/** "Targets vs actual": one row per target. */
export function targetsTable(results: readonly TargetResult[], targetsFile: string): string {
  if (results.length === 0) return `<p>No targets in <code>${esc(targetsFile)}</code>.</p>`;
  const rows = results.map(
    (r) =>
      `<tr data-target="${esc(r.target.id)}"><td>${esc(r.target.module)}</td><td>${esc(r.target.description)}</td><td><code>${esc(r.subject)}</code></td><td>${esc(r.target.metric)}</td><td class="num">${esc(formatBound(r.target).replace(/`/g, ''))}</td><td class="num">${esc(formatMeasured(r))}</td><td class="num">${esc(marginText(r))}</td>${statusCell(r)}</tr>`,
  );
  return `<p class="muted">Targets from <code>${esc(targetsFile)}</code>.</p>
<table class="targets"><thead><tr><th>module</th><th>target</th><th>case / scenario</th><th>metric</th><th>target value</th><th>measured</th><th>margin</th><th>status</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The bottleneck findings, most serious first, each with its evidence and files. */
export function findingsList(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p>No bottleneck findings.</p>';
  return findings
    .map(
      (
        f,
      ) => `<div class="finding ${f.severity}" data-rule="${esc(f.rule)}" data-subject="${esc(f.subject)}">
<p><span class="severity">${esc(f.severity)}</span><strong>${inlineCode(f.title)}</strong> <span class="muted">(${esc(f.rule)}, effort ${esc(f.effort)})</span></p>
<ul>${f.evidence.map((e) => `<li>${inlineCode(e)}</li>`).join('')}</ul>
<p>${inlineCode(f.impact)} ${inlineCode(f.recommendation)}</p>
<p class="files">${f.files.map((file) => `<code>${esc(file)}</code>`).join(' ')}</p>
</div>`,
    )
    .join('\n');
}

/** The CPU profiles, each linking its flame-graph page and the raw `.cpuprofile`. */
export function profilesTable(pages: readonly FlamePage[]): string {
  if (pages.length === 0)
    return "<p>No CPU profiles; run a benchmark project's <code>profile</code> target.</p>";
  const rows = pages.map(
    (p) =>
      `<tr><td>${esc(p.name)}</td><td class="num">${p.totalSamples}</td><td><a class="flame-link" href="${esc(p.href)}">flame graph</a></td><td><a href="${esc(p.profileHref)}">raw .cpuprofile</a></td></tr>`,
  );
  return `<table class="profiles"><thead><tr><th>profile</th><th>samples</th><th></th><th></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
