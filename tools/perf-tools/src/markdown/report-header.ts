import type { BenchmarkEnvironment } from '@prismq/profiling';
import type { ReportInputs } from '../inputs/report-inputs';
import { formatBytes } from './format-value';
import { markdownTable } from './markdown-table';

/** The newest measurement time of the inputs (ISO), used as the report's date so reruns match. */
function measuredAt(inputs: ReportInputs): string {
  const times = [
    ...inputs.runs.map((r) => r.data.finishedAt),
    ...inputs.cpuProfiles.map((p) => p.data.timestamp),
    ...inputs.memoryReports.map((m) => m.data.timestamp),
    ...inputs.loadReports.map((l) => l.data.timestamp),
  ].sort();
  return times[times.length - 1] ?? 'no measurements';
}

function commitOf(env: BenchmarkEnvironment): string {
  if (!env.gitCommit) return 'unknown';
  return `${env.gitCommit.slice(0, 12)}${env.gitDirty ? ' (uncommitted changes)' : ''}`;
}

function platformOf(env: BenchmarkEnvironment): string {
  return `${env.os} ${env.arch}, ${env.cpuModel} × ${env.cpuCount}, ${formatBytes(env.totalMemoryBytes)} RAM, Node ${env.nodeVersion}, V8 ${env.v8Version}`;
}

/** Header lines: date, commit(s) and platform(s) of the runs. */
export function headerLines(inputs: ReportInputs): string[] {
  const commits = [...new Set(inputs.runs.map((r) => commitOf(r.data.environment)))].sort();
  const platforms = [...new Set(inputs.runs.map((r) => platformOf(r.data.environment)))].sort();
  return [
    `- **Date:** ${measuredAt(inputs)} (newest measurement)`,
    `- **Commit:** ${commits.join('; ') || 'unknown'}`,
    `- **Platform:** ${platforms.join('; ') || 'unknown'}`,
  ];
}

/** The warnings section: every input that was skipped or incomplete, with its file. */
export function warningsSection(inputs: ReportInputs): string[] {
  const lines = ['## Input warnings', ''];
  if (inputs.warnings.length === 0)
    return [...lines, 'None: every input file was read and validated.', ''];
  return [
    ...lines,
    markdownTable(
      ['file', 'problem'],
      inputs.warnings.map((w) => [`\`${w.file}\``, w.problem]),
    ),
    '',
  ];
}
