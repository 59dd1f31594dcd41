import type { CpuProfileSummary, FunctionTiming } from '../results/profile-summary-schema.js';

const HEADERS = [
  'self ms',
  'self %',
  'total ms',
  'total %',
  'hits',
  'function',
  'location',
] as const;

// Frames that kept their built location although a map was looked for say so, and why.
function shownLocation(timing: FunctionTiming): string {
  const { mapping } = timing;
  if (
    mapping === undefined ||
    mapping === 'mapped' ||
    mapping === 'native' ||
    mapping === 'source-file'
  )
    return timing.location;
  return `${timing.location} [built: ${mapping}]`;
}

/** Functions whose hottest lines the table lists. */
const HOT_FUNCTIONS = 5;
/** Lines listed per function. */
const LINES_SHOWN = 5;

function hotLinesSection(timings: readonly FunctionTiming[]): string[] {
  const hot = timings.filter((t) => t.lines && t.lines.length > 0).slice(0, HOT_FUNCTIONS);
  if (hot.length === 0) return [];
  const file = (t: FunctionTiming) => t.location.replace(/:\d+$/, '');
  return [
    '',
    "Hottest lines of the top functions (self ms, share of the function's self time)",
    ...hot.flatMap((t) => [
      `${t.functionName}  ${file(t)}`,
      ...(t.lines ?? [])
        .slice(0, LINES_SHOWN)
        .map(
          (l) =>
            `  ${`:${l.line}`.padEnd(7)}${l.selfMs.toFixed(3).padStart(10)} ms  ${(l.share * 100).toFixed(1).padStart(5)} %`,
        ),
    ]),
  ];
}

function row(timing: FunctionTiming): string[] {
  return [
    timing.selfMs.toFixed(3),
    timing.selfPercent.toFixed(2),
    timing.totalMs.toFixed(3),
    timing.totalPercent.toFixed(2),
    String(timing.hitCount),
    timing.functionName,
    shownLocation(timing),
  ];
}

function table(title: string, timings: readonly FunctionTiming[]): string {
  const rows = [HEADERS.slice(), ...timings.map(row)];
  const widths = HEADERS.map((_, column) =>
    Math.max(...rows.map((cells) => (cells[column] ?? '').length)),
  );
  // Numbers are right-aligned like cProfile's output; names and locations read better left-aligned.
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < 5 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [title, ...rows.map(format)].join('\n');
}

/**
 * The summary of a CPU profile as two plain-text tables (by self time, by total time), the
 * hottest lines of the top functions, and the source-map warnings. A frame that kept its built
 * location although a source map was looked for is marked `[built: <why>]`.
 */
export function formatCpuSummary(summary: CpuProfileSummary): string {
  const heading =
    `CPU profile ${summary.name} at ${summary.timestamp}: wall ${summary.wallMs.toFixed(3)} ms, ` +
    `profile ${summary.profileMs.toFixed(3)} ms, ${summary.totalSamples} samples every ${summary.sampleIntervalUs} µs`;
  return [
    heading,
    '',
    table('By self time', summary.topSelf),
    ...hotLinesSection(summary.topSelf),
    '',
    table('By total time', summary.topTotal),
    ...(summary.sourceMapWarnings && summary.sourceMapWarnings.length > 0
      ? ['', 'Source maps', ...summary.sourceMapWarnings.map((w) => `${w.code}  ${w.message}`)]
      : []),
    '',
  ].join('\n');
}
