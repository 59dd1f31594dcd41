import type {
  CompareCase,
  CompareDocument,
  ExplainedFrame,
} from '../results/compare-document-schema.js';

/** A time per iteration in the unit that keeps 3–4 significant digits. */
function formatNanoseconds(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

/** Bytes in the unit that keeps 3–4 significant digits. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes.toFixed(0)} B`;
}

/** A change per iteration in ns, signed. */
function formatDelta(ns: number): string {
  return `${ns >= 0 ? '+' : '−'}${formatNanoseconds(Math.abs(ns))}`;
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
    c.allocation
      ? `${formatBytes(c.allocation.baseBytes)} → ${formatBytes(c.allocation.headBytes)}`
      : '–',
    c.allocation ? `${c.allocation.ratio.toFixed(2)}×` : '–',
    c.allocation?.verdict ?? '–',
  ];
}

const HEADER = [
  'case',
  'base p50',
  'head p50',
  'head/base',
  '95 % interval',
  'verdict',
  'allocated/iter',
  'alloc head/base',
  'allocation',
];

/** Frames listed per explained case in the table and the step summary. */
const FRAMES_SHOWN = 3;

function frameLine(frame: ExplainedFrame): string {
  return `${frame.functionName} ${frame.location} ${formatDelta(frame.deltaNs)}/iter (${frame.deltaShare >= 0 ? '+' : ''}${(frame.deltaShare * 100).toFixed(1)} % of the case)`;
}

/** What the explained cases' profiles say, as lines under the table. */
function explanationLines(document: CompareDocument): string[] {
  const lines: string[] = [];
  for (const c of document.cases) {
    if (!c.explanation) continue;
    const { frames, samples, sourceMapWarnings } = c.explanation;
    const grew = frames.filter((f) => f.change === 'grew').slice(0, FRAMES_SHOWN);
    const shrank = frames.filter((f) => f.change === 'shrank').slice(0, FRAMES_SHOWN);
    lines.push('', `${c.id} (${samples.base} / ${samples.head} samples, base / head):`);
    if (frames.length === 0) lines.push('  no function changed beyond sampling noise');
    for (const frame of grew) lines.push(`  grew    ${frameLine(frame)}`);
    for (const frame of shrank) lines.push(`  shrank  ${frameLine(frame)}`);
    for (const warning of sourceMapWarnings)
      lines.push(`  warning ${warning.code}: ${warning.message}`);
  }
  return lines;
}

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
  const allocating = document.cases.filter((c) => c.allocation?.verdict === 'more').length;
  return [
    heading(document),
    '',
    line(HEADER),
    ...rows.map((cells, i) => line(cells, document.cases[i]!.verdict)),
    '',
    `${counts}; ${allocating} allocating more`,
    ...explanationLines(document),
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
    if (c.allocation?.verdict === 'more') cells[8] = '🟠 more';
    return `| ${cells.map(escapeCell).join(' | ')} |`;
  });
  // Where the time went, for each slower case the profiles explain.
  const explained = document.cases.flatMap((c) => {
    if (c.verdict !== 'slower' || !c.explanation) return [];
    const grew = c.explanation.frames.filter((f) => f.change === 'grew').slice(0, FRAMES_SHOWN);
    return [
      `**${escapeCell(c.id)}** grew most in:`,
      ...(grew.length === 0 ? ['- no function beyond sampling noise'] : []),
      ...grew.map(
        (f, i) =>
          `${i + 1}. \`${escapeCell(f.functionName)}\` at \`${escapeCell(f.location)}\`: ${formatDelta(f.deltaNs)} per iteration (${f.base.share > 0 ? `${(f.base.share * 100).toFixed(1)} % → ` : ''}${(f.head.share * 100).toFixed(1)} % of the case)`,
      ),
      '',
    ];
  });
  return [
    `### Benchmark comparison: ${escapeCell(heading(document))}`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows,
    '',
    ...explained,
  ].join('\n');
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A GitHub Actions `::warning` for a case that could not be compared (it says why). */
export function githubWarning(project: string, id: string, why: string): string {
  return `::warning title=${escapeData(`Benchmark not compared: ${project} ${id}`).replaceAll(':', '%3A').replaceAll(',', '%2C')}::${escapeData(why)}`;
}

/**
 * GitHub Actions workflow commands: an error annotation per slower case, a warning per case
 * that allocates more.
 */
export function githubAnnotations(document: CompareDocument): string[] {
  const escape = escapeData;
  const allocating = document.cases.flatMap((c) =>
    c.allocation?.verdict === 'more'
      ? [
          `::warning title=${escape(`Benchmark allocates more: ${c.id}`).replaceAll(':', '%3A').replaceAll(',', '%2C')}::${escape(
            `${c.id} allocates ${c.allocation.ratio.toFixed(2)}× the bytes per iteration of ${document.base.ref} (95 % interval ${c.allocation.low.toFixed(2)}–${c.allocation.high.toFixed(2)}, ${formatBytes(c.allocation.baseBytes)} → ${formatBytes(c.allocation.headBytes)})`,
          )}`,
        ]
      : [],
  );
  const slower = document.cases
    .filter((c) => c.verdict === 'slower')
    .map(
      (c) =>
        `::error title=${escape(`Benchmark slower: ${c.id}`).replaceAll(':', '%3A').replaceAll(',', '%2C')}::${escape(
          `${c.id} is ${((c.ratio - 1) * 100).toFixed(1)} % slower than ${document.base.ref} (95 % interval ${c.low.toFixed(3)}–${c.high.toFixed(3)}, ${formatNanoseconds(c.baseP50)} → ${formatNanoseconds(c.headP50)})${topGrown(c)}`,
        )}`,
    );
  return [...slower, ...allocating];
}

function topGrown(c: CompareCase): string {
  const top = c.explanation?.frames.find((f) => f.change === 'grew');
  return top ? `; grew most: ${top.functionName} at ${top.location}` : '';
}
