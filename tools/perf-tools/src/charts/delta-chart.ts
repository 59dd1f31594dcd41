import type { ComparisonVerdict } from '../analysis/baseline-comparison';
import { formatNumber } from '../markdown/format-value';
import { legend, line, rect, svgDocument, text } from './svg-markup';

/** How a bar is coloured: the verdicts of a baseline comparison. */
export type DeltaVerdict = ComparisonVerdict;

/** One case's change in p50, as fractions (0.1 = 10 % slower). */
export interface DeltaBar {
  readonly label: string;
  readonly change: number;
  /** Whisker: an interval of the change, or the band of changes too small to see. */
  readonly low?: number;
  readonly high?: number;
  readonly verdict: DeltaVerdict;
}

/** What the whiskers and the axis of a delta chart mean. */
export interface DeltaChartLabels {
  /** Legend of the whiskers, e.g. `95 % interval`. */
  readonly whisker: string;
  /** Horizontal axis, e.g. `change in p50 against the baseline (%)`. */
  readonly axis: string;
}

const DEFAULT_LABELS: DeltaChartLabels = {
  whisker: '95 % interval',
  axis: 'change in p50 against the baseline (%)',
};

const WIDTH = 860;
const LABEL_WIDTH = 300;
const ROW = 22;
const TOP = 60;

const COLORS: Readonly<Record<DeltaVerdict, string>> = {
  faster: '#59a14f',
  slower: '#e15759',
  'no significant change': '#bab0ac',
  'not judged': '#76b7b2',
};

function niceLimit(value: number): number {
  const steps = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
  return steps.find((s) => s >= value) ?? Math.ceil(value);
}

/** Bars of the change in p50 per case, with whiskers (an interval, or the noise band). */
export function renderDeltaChart(
  title: string,
  bars: readonly DeltaBar[],
  labels: DeltaChartLabels = DEFAULT_LABELS,
): string {
  const right = WIDTH - 30;
  const extent = niceLimit(
    Math.max(
      0.05,
      ...bars.flatMap((b) => [Math.abs(b.change), Math.abs(b.low ?? 0), Math.abs(b.high ?? 0)]),
    ),
  );
  const at = (fraction: number): number =>
    LABEL_WIDTH +
    ((Math.max(-extent, Math.min(extent, fraction)) + extent) / (2 * extent)) *
      (right - LABEL_WIDTH);
  const plotBottom = TOP + bars.length * ROW;
  const body: string[] = [
    legend(30, 44, [
      { label: 'faster', color: COLORS.faster, shape: 'box' },
      { label: 'slower', color: COLORS.slower, shape: 'box' },
      { label: 'no significant change', color: COLORS['no significant change'], shape: 'box' },
      ...(bars.some((b) => b.verdict === 'not judged')
        ? [{ label: 'not judged', color: COLORS['not judged'], shape: 'box' as const }]
        : []),
      { label: labels.whisker, color: '#333333', shape: 'line' },
    ]),
  ];
  for (const tick of [-extent, -extent / 2, 0, extent / 2, extent]) {
    body.push(line(at(tick), TOP, at(tick), plotBottom, tick === 0 ? '#333333' : '#e5e5e5'));
    body.push(
      text(at(tick), plotBottom + 16, `${tick > 0 ? '+' : ''}${formatNumber(tick * 100)} %`, {
        anchor: 'middle',
        size: 11,
      }),
    );
  }
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW;
    body.push(text(LABEL_WIDTH - 8, y + 15, bar.label, { anchor: 'end', size: 11 }));
    const from = Math.min(at(0), at(bar.change));
    body.push(rect(from, y + 5, Math.abs(at(bar.change) - at(0)), ROW - 10, COLORS[bar.verdict]));
    if (bar.low !== undefined && bar.high !== undefined) {
      body.push(
        line(at(bar.low), y + ROW / 2, at(bar.high), y + ROW / 2, '#333333', 'stroke-width="1.5"'),
      );
    }
  });
  body.push(line(LABEL_WIDTH, plotBottom, right, plotBottom, '#333333'));
  body.push(
    text((LABEL_WIDTH + right) / 2, plotBottom + 36, labels.axis, {
      anchor: 'middle',
    }),
    text(14, (TOP + plotBottom) / 2, 'benchmark case', { anchor: 'middle', rotate: true }),
  );
  return svgDocument(WIDTH, plotBottom + 50, title, body);
}
