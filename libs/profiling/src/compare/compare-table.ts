import type { CompareCase, CompareDocument } from '../results/compare-document-schema.js';

/** A time per iteration in the unit that keeps 3–4 significant digits. */
function formatNanoseconds(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

function percent(ratio: number): string {
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}

function row(c: CompareCase): string[] {
  return [
    c.id,
    formatNanoseconds(c.baseP50),
    formatNanoseconds(c.headP50),
    `${c.ratio.toFixed(3)} (${percent(c.ratio)})`,
    `${c.low.toFixed(3)}–${c.high.toFixed(3)}`,
    c.verdict,
  ];
}

const HEADER = ['case', 'base p50', 'head p50', 'head/base', '95 % interval', 'verdict'];

const COLOURS: Record<CompareCase['verdict'], [string, string]> = {
  slower: ['\u001b[31m', '\u001b[39m'],
  faster: ['\u001b[32m', '\u001b[39m'],
  unchanged: ['\u001b[2m', '\u001b[22m'],
};

function heading(document: CompareDocument): string {
  const head = document.head.dirty
    ? `${document.head.ref} (${document.head.commit.slice(0, 10)} + working tree changes)`
    : `${document.head.ref} (${document.head.commit.slice(0, 10)})`;
  const shard = document.shard ? ` (shard ${document.shard.index}/${document.shard.count})` : '';
  return `${document.project}${shard}: ${head} against ${document.base.ref} (${document.base.commit.slice(0, 10)}), threshold ${(document.method.threshold * 100).toFixed(1)} %`;
}

/** The comparison as a text table, cases in the document's order; `colour` marks verdicts with ANSI colours. */
export function formatCompareTable(document: CompareDocument, colour: boolean): string {
  const rows = document.cases.map(row);
  const widths = HEADER.map((title, i) =>
    Math.max(title.length, ...rows.map((cells) => cells[i]!.length)),
  );
  const line = (cells: readonly string[], verdict?: CompareCase['verdict']): string => {
    const text = cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
    if (!colour || !verdict) return text.trimEnd();
    const [open, close] = COLOURS[verdict];
    return `${open}${text.trimEnd()}${close}`;
  };
  const counts = (['slower', 'faster', 'unchanged'] as const)
    .map((verdict) => `${document.cases.filter((c) => c.verdict === verdict).length} ${verdict}`)
    .join(', ');
  return [
    heading(document),
    '',
    line(HEADER),
    ...rows.map((cells, i) => line(cells, document.cases[i]!.verdict)),
    '',
    counts,
  ].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The comparison as a GitHub-flavoured Markdown section. */
export function formatCompareMarkdown(document: CompareDocument): string {
  const mark: Record<CompareCase['verdict'], string> = {
    slower: '🔴 slower',
    faster: '🟢 faster',
    unchanged: 'unchanged',
  };
  const rows = document.cases.map((c) => {
    const cells = row(c);
    cells[5] = mark[c.verdict];
    return `| ${cells.map(escapeCell).join(' | ')} |`;
  });
  return [
    `### Benchmark comparison: ${escapeCell(heading(document))}`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows,
    '',
  ].join('\n');
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A GitHub Actions `::warning` for a case that could not be compared (it says why). */
export function githubWarning(project: string, id: string, why: string): string {
  return `::warning title=${escapeData(`Benchmark not compared: ${project} ${id}`).replaceAll(':', '%3A').replaceAll(',', '%2C')}::${escapeData(why)}`;
}

/** GitHub Actions workflow commands: an error annotation per slower case. */
export function githubAnnotations(document: CompareDocument): string[] {
  const escape = escapeData;
  return document.cases
    .filter((c) => c.verdict === 'slower')
    .map(
      (c) =>
        `::error title=${escape(`Benchmark slower: ${c.id}`).replaceAll(':', '%3A').replaceAll(',', '%2C')}::${escape(
          `${c.id} is ${((c.ratio - 1) * 100).toFixed(1)} % slower than ${document.base.ref} (95 % interval ${c.low.toFixed(3)}–${c.high.toFixed(3)}, ${formatNanoseconds(c.baseP50)} → ${formatNanoseconds(c.headP50)})`,
        )}`,
    );
}
