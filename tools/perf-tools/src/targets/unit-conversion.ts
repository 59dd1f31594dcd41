/** What a unit measures; only values of the same dimension can be compared. */
type UnitDimension = 'time' | 'rate' | 'bytes' | 'percent' | 'count';

interface UnitInfo {
  readonly dimension: UnitDimension;
  /** Multiplier to the dimension's base unit (ns, per second, bytes, percent, count). */
  readonly factor: number;
}

// Rates are all "per second"; ops, items, lines and requests are kept apart by name below.
const UNITS: Readonly<Record<string, UnitInfo>> = {
  ns: { dimension: 'time', factor: 1 },
  us: { dimension: 'time', factor: 1e3 },
  µs: { dimension: 'time', factor: 1e3 },
  ms: { dimension: 'time', factor: 1e6 },
  s: { dimension: 'time', factor: 1e9 },
  'ops/s': { dimension: 'rate', factor: 1 },
  'items/s': { dimension: 'rate', factor: 1 },
  'lines/s': { dimension: 'rate', factor: 1 },
  'req/s': { dimension: 'rate', factor: 1 },
  B: { dimension: 'bytes', factor: 1 },
  KB: { dimension: 'bytes', factor: 1024 },
  MB: { dimension: 'bytes', factor: 1024 ** 2 },
  GB: { dimension: 'bytes', factor: 1024 ** 3 },
  '%': { dimension: 'percent', factor: 1 },
  count: { dimension: 'count', factor: 1 },
};

/**
 * Converts `value` from unit `from` to unit `to`.
 * @returns the converted value, or `undefined` when either unit is unknown or they measure
 *   different things (time vs bytes, items/s vs lines/s)
 */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = UNITS[from];
  const b = UNITS[to];
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  if (a.dimension === 'rate') return undefined;
  return (value * a.factor) / b.factor;
}
