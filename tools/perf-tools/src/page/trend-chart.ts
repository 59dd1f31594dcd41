import { coord, escapeXml, line, text } from '../charts/svg-markup';
import { formatDuration } from '../markdown/format-value';
import type { TrendPoint } from './case-history';

/** Fill of a point: a paired comparison's verdict, or a plain run. */
export const POINT_COLOURS = {
  run: '#1f77b4',
  slower: '#d62728',
  faster: '#2ca02c',
  unchanged: '#7f7f7f',
} as const;

const WIDTH = 520;
const HEIGHT = 170;
const LEFT = 70;
const RIGHT = 14;
const TOP = 12;
const BOTTOM = 34;

function pointColour(point: TrendPoint): string {
  return POINT_COLOURS[point.entry.verdict ?? 'run'];
}

function describePoint(point: TrendPoint): string {
  const { entry } = point;
  const commit = entry.commit ? entry.commit.slice(0, 10) : 'no commit';
  const parts = [
    `${commit}${entry.dirty ? ' (dirty)' : ''}`,
    entry.date.slice(0, 19).replace('T', ' '),
    `p50 ${formatDuration(entry.p50)}`,
    `${entry.interval.kind === 'p25-p75' ? 'p25–p75' : 'ratio CI × base p50'} ${formatDuration(entry.interval.low)}–${formatDuration(entry.interval.high)}`,
  ];
  if (entry.verdict)
    parts.push(`compare: ${entry.verdict} vs ${entry.baseCommit?.slice(0, 10) ?? '?'}`);
  if (!point.sameMachine)
    parts.push(`other machine: ${entry.machine.cpuModel}, node ${entry.machine.node}`);
  return parts.join(' · ');
}

/**
 * A case's p50 across commits as an SVG line chart: the p50 of each point with its interval
 * as a band, points coloured by compare verdict (a dirty tree's point hollow, another
 * machine's faded), and the target as a dashed line when one is given in ns.
 */
export function renderTrendChart(
  caseId: string,
  points: readonly TrendPoint[],
  targetNs?: number,
): string {
  const lows = points.map((p) => Math.min(p.entry.interval.low, p.entry.p50));
  const highs = points.map((p) => Math.max(p.entry.interval.high, p.entry.p50));
  let min = Math.min(...lows);
  let max = Math.max(...highs);
  // The target joins the scale only when near the data, so a far-off target cannot flatten it.
  const showTarget = targetNs !== undefined && targetNs >= min / 3 && targetNs <= max * 3;
  if (showTarget) {
    min = Math.min(min, targetNs);
    max = Math.max(max, targetNs);
  }
  const pad = (max - min || max || 1) * 0.08;
  min = Math.max(0, min - pad);
  max += pad;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) =>
    LEFT + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => TOP + plotH - ((v - min) / (max - min)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" data-case="${escapeXml(caseId)}" data-points="${points.length}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(`p50 of ${caseId} across ${points.length} runs`)}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(`p50 of ${caseId} across ${points.length} runs`)}</title>`,
  ];
  for (const v of [min, (min + max) / 2, max]) {
    parts.push(line(LEFT, y(v), WIDTH - RIGHT, y(v), '#e5e5e5'));
    parts.push(text(LEFT - 6, y(v) + 4, formatDuration(v), { anchor: 'end', size: 10 }));
  }
  if (points.length > 1) {
    const upper = points.map((p, i) => `${coord(x(i))},${coord(y(p.entry.interval.high))}`);
    const lower = points
      .map((p, i) => `${coord(x(i))},${coord(y(p.entry.interval.low))}`)
      .reverse();
    parts.push(
      `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="#1f77b4" fill-opacity="0.15"/>`,
    );
    parts.push(
      `<polyline class="p50" points="${points.map((p, i) => `${coord(x(i))},${coord(y(p.entry.p50))}`).join(' ')}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`,
    );
  } else {
    const only = points[0]!.entry;
    parts.push(
      line(
        x(0),
        y(only.interval.low),
        x(0),
        y(only.interval.high),
        '#1f77b4',
        'class="band" stroke-width="6" stroke-opacity="0.25"',
      ),
    );
  }
  if (showTarget) {
    parts.push(
      line(
        LEFT,
        y(targetNs),
        WIDTH - RIGHT,
        y(targetNs),
        '#d62728',
        'class="target" stroke-dasharray="5 4"',
      ),
    );
    parts.push(
      text(WIDTH - RIGHT, y(targetNs) - 4, `target ${formatDuration(targetNs)}`, {
        anchor: 'end',
        size: 10,
      }),
    );
  }
  points.forEach((point, i) => {
    const colour = pointColour(point);
    const fill = point.entry.dirty ? '#ffffff' : colour;
    const opacity = point.sameMachine ? '' : ' opacity="0.4"';
    parts.push(
      `<circle class="point" data-verdict="${point.entry.verdict ?? 'run'}" cx="${coord(x(i))}" cy="${coord(y(point.entry.p50))}" r="4" fill="${fill}" stroke="${colour}" stroke-width="1.5"${opacity}><title>${escapeXml(describePoint(point))}</title></circle>`,
    );
  });
  const first = points[0]!.entry;
  const last = points.at(-1)!.entry;
  parts.push(
    text(LEFT, HEIGHT - 10, `${first.commit?.slice(0, 7) ?? '—'} ${first.date.slice(0, 10)}`, {
      size: 10,
    }),
  );
  if (points.length > 1)
    parts.push(
      text(
        WIDTH - RIGHT,
        HEIGHT - 10,
        `${last.commit?.slice(0, 7) ?? '—'} ${last.date.slice(0, 10)}`,
        { anchor: 'end', size: 10 },
      ),
    );
  parts.push('</svg>');
  return parts.join('\n');
}
