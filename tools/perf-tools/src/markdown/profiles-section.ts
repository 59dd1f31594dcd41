import type { ReportContext } from '../report/report-context';
import { formatBytes, formatMeasure, formatNumber } from './format-value';
import { markdownTable } from './markdown-table';

// Mapping statuses under which a location is where the code was written.
const SOURCE_STATUSES = new Set(['mapped', 'native', 'source-file']);

/**
 * CPU hot spots (top 5 by self time, at their source lines, with their hottest lines), memory
 * per scenario and whole-system load metrics.
 */
export function profilesSection(ctx: ReportContext): string[] {
  const lines = ['## CPU hot spots and memory per scenario', '', '### CPU hot spots', ''];
  const { cpuProfiles, memoryReports, loadReports } = ctx.inputs;
  if (cpuProfiles.length === 0)
    lines.push(`No CPU profile summaries in \`${ctx.reportsDir}/cpu/\`.`, '');
  for (const { file, data } of cpuProfiles) {
    lines.push(
      `#### ${data.name}`,
      '',
      `Source: \`${file}\`; ${formatNumber(data.profileMs)} ms profiled, ${data.totalSamples} samples.`,
      '',
      markdownTable(
        ['function', 'location', 'self ms', 'self %', 'total %', 'hottest lines'],
        data.topSelf.slice(0, 5).map((f) => [
          `\`${f.functionName || '(anonymous)'}\``,
          `\`${f.location}\`${f.mapping && !SOURCE_STATUSES.has(f.mapping) ? ` (built: ${f.mapping})` : ''}`,
          formatNumber(f.selfMs),
          formatNumber(f.selfPercent),
          formatNumber(f.totalPercent),
          (f.lines ?? [])
            .slice(0, 3)
            .map((l) => `:${l.line} ${formatNumber(l.share * 100)} %`)
            .join(', ') || '—',
        ]),
        ['left', 'left', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  }
  lines.push('### Memory per scenario', '');
  if (memoryReports.length === 0)
    lines.push(`No memory reports in \`${ctx.reportsDir}/memory/\`.`, '');
  else {
    lines.push(
      markdownTable(
        [
          'scenario',
          'wall',
          'peak heap',
          'peak RSS',
          'heap change',
          'heap after repeated calls',
          'source',
        ],
        memoryReports.map(({ file, data }) => {
          const series = data.heapAfterRepeatedCalls;
          return [
            data.name,
            `${formatNumber(data.wallMs)} ms`,
            formatBytes(data.peak.heapUsed),
            formatBytes(data.peak.rss),
            formatBytes(data.increase.heapUsed),
            series && series.length > 0
              ? `${formatBytes(series[0]!)} → ${formatBytes(series[series.length - 1]!)} (${series.length} calls)`
              : '—',
            `\`${file}\``,
          ];
        }),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  }
  if (loadReports.length > 0) {
    lines.push('### Whole-system measurements', '');
    for (const { file, data } of loadReports) {
      lines.push(
        `Source: \`${file}\`.`,
        '',
        markdownTable(
          ['case', 'metric', 'value', 'settings'],
          data.cases.flatMap((c) =>
            c.metrics.map((m) => [
              `\`${c.id}\``,
              m.name,
              formatMeasure(m.value, m.unit),
              Object.entries(c.settings)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(', '),
            ]),
          ),
          ['left', 'left', 'right', 'left'],
        ),
        '',
      );
    }
  }
  return lines;
}
