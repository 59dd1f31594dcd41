import { convertUnit } from '../targets/unit-conversion';

/**
 * Formats a duration given in nanoseconds with a unit that keeps 3 significant digits
 * (`812 ns`, `4.21 µs`, `13.0 ms`).
 */
export function formatDuration(ns: number): string {
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${formatNumber(ns)} ns`;
  if (abs < 1e6) return `${formatNumber(ns / 1e3)} µs`;
  if (abs < 1e9) return `${formatNumber(ns / 1e6)} ms`;
  return `${formatNumber(ns / 1e9)} s`;
}

/** Three significant digits, without exponent notation, thousands grouped with a thin comma. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  if (Number.isInteger(value)) return String(value);
  const digits =
    abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(abs)));
  return value.toFixed(digits);
}

/** Bytes as KB / MB / GB (binary multiples). */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${formatNumber(bytes)} B`;
  if (abs < 1024 ** 2) return `${formatNumber(bytes / 1024)} KB`;
  if (abs < 1024 ** 3) return `${formatNumber(bytes / 1024 ** 2)} MB`;
  return `${formatNumber(bytes / 1024 ** 3)} GB`;
}

/** A fraction as a signed percentage: 0.125 → `+12.5 %`. */
export function formatSignedPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 0 ? '+' : '−'}${formatNumber(Math.abs(percent))} %`;
}

/** A fraction as a percentage: 0.125 → `12.5 %`. */
export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100)} %`;
}

/**
 * A value in a target unit, rescaled when that reads better: `4.88 µs` rather than
 * `0.00488 ms`, `150 MB`, `1,520 items/s`, `10` for a count.
 */
export function formatMeasure(value: number, unit: string): string {
  const ns = convertUnit(value, unit, 'ns');
  if (ns !== undefined) return formatDuration(ns);
  const bytes = convertUnit(value, unit, 'B');
  if (bytes !== undefined) return formatBytes(bytes);
  if (unit === 'count') return formatNumber(value);
  return `${formatNumber(value)} ${unit}`;
}

/** A comparison operator as a reader writes it: `<=` → `≤`. */
export function formatOp(op: string): string {
  return op === '<=' ? '≤' : op === '>=' ? '≥' : op;
}
