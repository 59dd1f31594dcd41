import type {
  CaseExplanation,
  DiffFlameFrame,
  ExplainedFrame,
} from '../results/compare-document-schema.js';
import { sampleStandardDeviation } from 'simple-statistics';
import type { SideFunction, SideProfile } from './side-profile.js';

/**
 * Standard errors a function's change must exceed to be listed. A case has tens of sampled
 * functions, each tested: at 4 standard errors a normal spread lists a function that did not
 * change about once in 16 000 tests, so an untouched case lists none.
 */
export const EXPLAIN_NOISE_Z = 4;

/** Frames narrower than this share of the head's samples are left out of the flame graph. */
const FLAME_MIN_WIDTH = 0.002;

/** Lines listed per explained function. */
const LINES_PER_FRAME = 3;

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

const keyOf = (fn: SideFunction) => `${fn.functionName}\u0000${fn.functionLocation}`;

type Side = Pick<SideProfile, 'samples' | 'nsPerIteration' | 'nsRelativeError' | 'blockNs'>;

/** Self time per iteration of `count` samples out of a side's, and its Poisson standard error. */
function perIteration(count: number, side: Side): { ns: number; se: number } {
  if (side.samples === 0) return { ns: 0, se: 0 };
  // √(k + 1) rather than √k: a function seen in no sample may still take up to a few samples'
  // worth, and its error must not be taken for zero.
  return {
    ns: (count / side.samples) * side.nsPerIteration,
    se: (Math.sqrt(count + 1) / side.samples) * side.nsPerIteration,
  };
}

/**
 * How far the profiled head/base ratio of the case's time may be off, on the log scale. Two
 * parts: the spread of the paired blocks' log-ratios (load that came and went while the sides
 * took turns), and how far the profiled ratio lies from the ratio the measuring rounds found
 * (`measuredRatio`, with inlining and without the profiler): the profiled process compiles each
 * side its own way, and a difference of speed that the measurement does not confirm must not
 * make every function of the case look changed.
 */
function profiledScaleError(base: Side, head: Side, measuredRatio?: number): number {
  const pairs = Math.min(base.blockNs.length, head.blockNs.length);
  const logRatios = Array.from({ length: pairs }, (_, i) =>
    Math.log(head.blockNs[i]! / base.blockNs[i]!),
  );
  const paired =
    pairs >= 2
      ? sampleStandardDeviation(logRatios) / Math.sqrt(pairs)
      : Math.hypot(base.nsRelativeError, head.nsRelativeError);
  const unconfirmed =
    measuredRatio !== undefined && measuredRatio > 0 && base.nsPerIteration > 0
      ? Math.abs(Math.log(head.nsPerIteration / base.nsPerIteration) - Math.log(measuredRatio))
      : 0;
  return Math.hypot(paired, unconfirmed);
}

function changedLines(
  base: SideFunction | undefined,
  head: SideFunction | undefined,
  sides: { base: Side; head: Side },
  direction: 1 | -1,
): { line: number; deltaNs: number }[] {
  const lines = new Map<number, { base: number; head: number }>();
  for (const { line, samples } of base?.lines ?? [])
    lines.set(line, { base: samples, head: lines.get(line)?.head ?? 0 });
  for (const { line, samples } of head?.lines ?? [])
    lines.set(line, { base: lines.get(line)?.base ?? 0, head: samples });
  return [...lines]
    .map(([line, counts]) => ({
      line,
      deltaNs: perIteration(counts.head, sides.head).ns - perIteration(counts.base, sides.base).ns,
    }))
    .filter((entry) => entry.deltaNs * direction > 0)
    .sort((a, b) => (b.deltaNs - a.deltaNs) * direction || a.line - b.line)
    .slice(0, LINES_PER_FRAME)
    .map((entry) => ({ line: entry.line, deltaNs: round(entry.deltaNs, 3) }));
}

/**
 * The functions whose self time per iteration changed beyond sampling noise, most grown first,
 * then most shrunk. A function's self time per iteration on a side is its share of the side's
 * samples (inside the case's function) times the side's median time per iteration while
 * profiled. Its change is a change of share plus, for the time it had in the base, the change
 * of the case's whole time. The noise rule: the change must exceed {@link EXPLAIN_NOISE_Z}
 * standard errors, where the error combines each side's Poisson spread of its sample count,
 * √(k + 1) / n × time, with the base's time of the function times
 * {@link profiledScaleError}; and it must be at least `threshold` (the comparison's) of the
 * case's base time, the smallest change a verdict reports. `measuredRatio` is the case's
 * head/base ratio from the measuring rounds. Pure.
 */
export function explainedFrames(
  base: SideProfile,
  head: SideProfile,
  threshold: number,
  measuredRatio?: number,
): ExplainedFrame[] {
  const sides = { base, head };
  if (base.samples === 0 || head.samples === 0) return [];
  const scaleError = profiledScaleError(base, head, measuredRatio);
  const byKey = new Map<string, { base?: SideFunction; head?: SideFunction }>();
  for (const fn of base.functions) byKey.set(keyOf(fn), { base: fn });
  for (const fn of head.functions) byKey.set(keyOf(fn), { ...byKey.get(keyOf(fn)), head: fn });
  const frames: ExplainedFrame[] = [];
  for (const pair of byKey.values()) {
    const b = perIteration(pair.base?.samples ?? 0, sides.base);
    const h = perIteration(pair.head?.samples ?? 0, sides.head);
    const deltaNs = h.ns - b.ns;
    const se = Math.hypot(b.se, h.se, b.ns * scaleError);
    if (Math.abs(deltaNs) <= EXPLAIN_NOISE_Z * se) continue;
    if (Math.abs(deltaNs) < threshold * base.nsPerIteration) continue;
    const fn = (pair.head ?? pair.base)!;
    const direction = deltaNs > 0 ? 1 : -1;
    const lines = changedLines(pair.base, pair.head, sides, direction);
    const side = (count: number, at: { ns: number }, n: number) => ({
      samples: count,
      share: round(count / n, 5),
      selfNs: round(at.ns, 3),
    });
    const baseCount = pair.base?.samples ?? 0;
    const headCount = pair.head?.samples ?? 0;
    frames.push({
      functionName: fn.functionName,
      location: lines[0] ? `${fn.file}:${lines[0].line}` : fn.functionLocation,
      functionLocation: fn.functionLocation,
      builtLocation: fn.builtLocation,
      ...(fn.mapping ? { mapping: fn.mapping } : {}),
      change: direction > 0 ? 'grew' : 'shrank',
      base: side(baseCount, b, base.samples),
      head: side(headCount, h, head.samples),
      deltaNs: round(deltaNs, 3),
      deltaShare: round(headCount / head.samples - baseCount / base.samples, 5),
      lines,
    });
  }
  return frames.sort(
    (a, b) =>
      (a.change === b.change ? 0 : a.change === 'grew' ? -1 : 1) ||
      Math.abs(b.deltaNs) - Math.abs(a.deltaNs) ||
      a.location.localeCompare(b.location),
  );
}

/**
 * The head's call tree, each frame carrying its self share on both sides — the same path from
 * the root (function and location at every level) in the base profile, or 0 where the base has
 * no such path. Pure.
 */
export function differentialFlame(base: SideProfile, head: SideProfile): DiffFlameFrame[] {
  const baseSelf = new Map(base.flame.map((frame) => [frame.path, frame.selfSamples]));
  const baseTotal = base.samples;
  const headTotal = head.samples;
  return head.flame
    .filter((frame) => frame.width >= FLAME_MIN_WIDTH)
    .map((frame) => ({
      name: frame.name,
      location: frame.location,
      depth: frame.depth,
      x: round(frame.x, 6),
      width: round(frame.width, 6),
      samples: frame.samples,
      headSelfShare: headTotal > 0 ? round(frame.selfSamples / headTotal, 5) : 0,
      baseSelfShare: baseTotal > 0 ? round((baseSelf.get(frame.path) ?? 0) / baseTotal, 5) : 0,
    }));
}

/**
 * A case's explanation from its two sides' profiles; `threshold` is the comparison's smallest
 * change worth reporting, as a fraction, and `measuredRatio` the case's head/base time ratio
 * from the measuring rounds. Pure.
 */
export function explainCase(
  base: SideProfile,
  head: SideProfile,
  threshold: number,
  sampleIntervalUs: number,
  measuredRatio?: number,
): CaseExplanation {
  const warnings = new Map(
    [...base.warnings, ...head.warnings].map((w) => [`${w.code}\u0000${w.message}`, w]),
  );
  return {
    sampleIntervalUs,
    samples: { base: base.samples, head: head.samples },
    noiseZ: EXPLAIN_NOISE_Z,
    nsPerIteration: {
      base: round(base.nsPerIteration, 3),
      head: round(head.nsPerIteration, 3),
    },
    frames: explainedFrames(base, head, threshold, measuredRatio),
    flame: differentialFlame(base, head),
    sourceMapWarnings: [...warnings.values()],
  };
}
