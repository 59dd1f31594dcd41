import { formatDuration } from '../markdown/format-value';
import { logScale } from './log-scale';
import { legend, line, rect, svgDocument, text } from './svg-markup';

/** One bar: a case's p50 with its p99 as a whisker. */
export interface TimeBar {
  readonly label: string;
  readonly p50Ns: number;
  readonly p99Ns: number;
}

const WIDTH = 860;
const LABEL_WIDTH = 300;
const ROW = 22;
const TOP = 60;

/**
 * Horizontal bar chart of time per operation on a log axis (cases of one module span
 * nanoseconds to milliseconds, which a linear axis cannot show together).
 */
export function renderTimeBarChart(title: string, bars: readonly TimeBar[]): string {
  const right = WIDTH - 30;
  const scale = logScale(
    bars.flatMap((b) => [b.p50Ns, b.p99Ns]),
    LABEL_WIDTH,
    right,
  );
  const plotBottom = TOP + bars.length * ROW;
  const body: string[] = [
    legend(LABEL_WIDTH, 44, [
      { label: 'p50 per operation', color: '#4e79a7', shape: 'box' },
      { label: 'p99 per operation', color: '#e15759', shape: 'line' },
    ]),
  ];
  for (const tick of scale.ticks) {
    const x = scale.at(tick);
    body.push(line(x, TOP, x, plotBottom, '#dddddd'));
    body.push(text(x, plotBottom + 16, formatDuration(tick), { anchor: 'middle', size: 11 }));
  }
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW;
    body.push(text(LABEL_WIDTH - 8, y + 15, bar.label, { anchor: 'end', size: 11 }));
    body.push(rect(LABEL_WIDTH, y + 4, scale.at(bar.p50Ns) - LABEL_WIDTH, ROW - 8, '#4e79a7'));
    const x99 = scale.at(bar.p99Ns);
    body.push(line(x99, y + 3, x99, y + ROW - 3, '#e15759', 'stroke-width="2"'));
  });
  body.push(line(LABEL_WIDTH, plotBottom, right, plotBottom, '#333333'));
  body.push(line(LABEL_WIDTH, TOP, LABEL_WIDTH, plotBottom, '#333333'));
  body.push(
    text((LABEL_WIDTH + right) / 2, plotBottom + 36, 'time per operation (log scale)', {
      anchor: 'middle',
    }),
    text(14, (TOP + plotBottom) / 2, 'benchmark case', { anchor: 'middle', rotate: true }),
  );
  return svgDocument(WIDTH, plotBottom + 50, title, body);
}
