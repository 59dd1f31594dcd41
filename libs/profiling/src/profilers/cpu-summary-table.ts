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

function row(timing: FunctionTiming): string[] {
  return [
    timing.selfMs.toFixed(3),
    timing.selfPercent.toFixed(2),
    timing.totalMs.toFixed(3),
    timing.totalPercent.toFixed(2),
    String(timing.hitCount),
    timing.functionName,
    timing.location,
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

/** The summary of a CPU profile as two plain-text tables (by self time, by total time). */
export function formatCpuSummary(summary: CpuProfileSummary): string {
  const heading =
    `CPU profile ${summary.name} at ${summary.timestamp}: wall ${summary.wallMs.toFixed(3)} ms, ` +
    `profile ${summary.profileMs.toFixed(3)} ms, ${summary.totalSamples} samples every ${summary.sampleIntervalUs} µs`;
  return [
    heading,
    '',
    table('By self time', summary.topSelf),
    '',
    table('By total time', summary.topTotal),
    '',
  ].join('\n');
}
