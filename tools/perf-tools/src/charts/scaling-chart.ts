import type { GrowthFit, SweepPoint } from '@prismq/profiling/stats';
import { formatDuration, formatNumber } from '../markdown/format-value';
import { logScale } from './log-scale';
import { coord, legend, line, svgDocument, text } from './svg-markup';

const WIDTH = 720;
const HEIGHT = 420;
const LEFT = 90;
const RIGHT = WIDTH - 30;
const TOP = 60;
const BOTTOM = HEIGHT - 60;

/** Log–log chart of a sweep's time per operation against input size, with the fitted line. */
export function renderScalingChart(
  title: string,
  points: readonly SweepPoint[],
  fit: GrowthFit | undefined,
): string {
  const x = logScale(
    points.map((p) => p.size),
    LEFT,
    RIGHT,
  );
  const fitted = (size: number): number =>
    fit ? Math.exp(fit.intercept + fit.slope * Math.log(size)) : 0;
  const fittedEnds = fit ? [fitted(x.min), fitted(x.max)] : [];
  const y = logScale(
    [...points.map((p) => p.timeNs), ...fittedEnds.filter((v) => v > 0)],
    BOTTOM,
    TOP,
  );
  const body: string[] = [];
  for (const tick of x.ticks) {
    body.push(line(x.at(tick), TOP, x.at(tick), BOTTOM, '#e5e5e5'));
    body.push(text(x.at(tick), BOTTOM + 16, formatNumber(tick), { anchor: 'middle', size: 11 }));
  }
  for (const tick of y.ticks) {
    body.push(line(LEFT, y.at(tick), RIGHT, y.at(tick), '#e5e5e5'));
    body.push(text(LEFT - 6, y.at(tick) + 4, formatDuration(tick), { anchor: 'end', size: 11 }));
  }
  body.push(line(LEFT, BOTTOM, RIGHT, BOTTOM, '#333333'), line(LEFT, TOP, LEFT, BOTTOM, '#333333'));
  if (fit) {
    const clampY = (v: number): number => Math.min(BOTTOM, Math.max(TOP, y.at(v)));
    body.push(
      line(
        x.at(x.min),
        clampY(fitted(x.min)),
        x.at(x.max),
        clampY(fitted(x.max)),
        '#e15759',
        'stroke-width="1.5" stroke-dasharray="6 4"',
      ),
    );
  }
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${coord(x.at(p.size))} ${coord(y.at(p.timeNs))}`)
    .join(' ');
  body.push(`<path d="${path}" fill="none" stroke="#4e79a7" stroke-width="2"/>`);
  for (const p of points) {
    body.push(
      `<circle cx="${coord(x.at(p.size))}" cy="${coord(y.at(p.timeNs))}" r="3.5" fill="#4e79a7"/>`,
    );
  }
  const fitLabel = fit
    ? `fit: slope ${fit.slope.toFixed(2)} (${fit.complexity})`
    : 'fit: too few sizes';
  body.push(
    legend(LEFT, 44, [
      { label: 'measured p50', color: '#4e79a7', shape: 'dot' },
      { label: fitLabel, color: '#e15759', shape: 'line' },
    ]),
    text((LEFT + RIGHT) / 2, HEIGHT - 20, 'input size (items, log scale)', { anchor: 'middle' }),
    text(18, (TOP + BOTTOM) / 2, 'time per operation (log scale)', {
      anchor: 'middle',
      rotate: true,
    }),
  );
  return svgDocument(WIDTH, HEIGHT, title, body);
}
