import type {
  AllocationVerdict,
  CompareAllocation,
  CompareCase,
} from '../results/compare-document-schema.js';
import { interquartileRange } from 'simple-statistics';
import { changeVerdict } from '../stats/change-verdict.js';
import { median } from '../stats/median.js';
import { pairedLogRatioInterval } from '../stats/paired-ratio-interval.js';

/** What the rounds measured of one case: per round, the slices of each side, paired. */
export interface CaseRounds {
  id: string;
  /**
   * One entry per round: slice times (ns per iteration) of base and head, by alternation, and
   * the heap bytes per iteration of the same slices (null: a slice whose collections hid it).
   */
  rounds: {
    base: number[];
    head: number[];
    baseBytes?: (number | null)[];
    headBytes?: (number | null)[];
  }[];
}

/**
 * Bytes per iteration below which a case counts as allocating nothing: the smallest V8 heap
 * object takes 16 bytes, so less than that per iteration is the measurement's own noise, and
 * a ratio of two such figures means nothing.
 */
const ALLOCATION_FLOOR_BYTES = 16;

/** 1.96 · √2 / 1.349: a 95 % bound on the difference of two draws, per interquartile range. */
const UNPAIRED_BOUND_PER_IQR = 2.05;

/** A slice this close to its side's fastest in the round counts as undisturbed. */
const CLEAN_SLICE_TOLERANCE = 0.05;

/**
 * One value per round, or NaN when the round has none: the median log(head / base) over the
 * round's *clean* pairs — adjacent slices (milliseconds apart, so drift cancels) that are both
 * within {@link CLEAN_SLICE_TOLERANCE} of their side's fastest slice in the round. Other load on
 * the machine only ever slows a slice down (a busy sibling hyperthread can halve its speed for
 * a while), so a disturbed slice is recognisably slow, and a pair with one is left out rather
 * than compared with an undisturbed one.
 */
export function roundLogRatio(round: { base: readonly number[]; head: readonly number[] }): number {
  const count = Math.min(round.base.length, round.head.length);
  if (count === 0) return Number.NaN;
  const fastestBase = Math.min(...round.base);
  const fastestHead = Math.min(...round.head);
  const logs: number[] = [];
  for (let i = 0; i < count; i++) {
    const base = round.base[i]!;
    const head = round.head[i]!;
    if (
      base <= fastestBase * (1 + CLEAN_SLICE_TOLERANCE) &&
      head <= fastestHead * (1 + CLEAN_SLICE_TOLERANCE)
    ) {
      logs.push(Math.log(head / base));
    }
  }
  return median(logs);
}

/**
 * A side's undisturbed speed in one round: the median of its slices within
 * {@link CLEAN_SLICE_TOLERANCE} of its fastest. A slice slowed by other load says how busy the
 * machine was for a few milliseconds, not how fast this process runs the code.
 */
function cleanMedian(times: readonly number[]): number {
  const fastest = Math.min(...times);
  return median(times.filter((time) => time <= fastest * (1 + CLEAN_SLICE_TOLERANCE)));
}

/**
 * How far apart two unpaired runs of a side can lie, from the spread of its rounds' undisturbed
 * medians: each round is a fresh process with its own JIT decisions, so its median is one draw
 * of what a run measures. For normally spread log-medians the difference of two draws stays
 * within 1.96·√2·σ = 2.05 × their interquartile range 95 % of the time; the interquartile range
 * keeps one wild round from deciding, as the full range would.
 */
function roundSpread(sliceTimes: readonly (readonly number[])[]): number {
  const logMedians = sliceTimes.map((times) => Math.log(cleanMedian(times)));
  if (logMedians.length < 2) return 0;
  return Math.exp(UNPAIRED_BOUND_PER_IQR * interquartileRange(logMedians)) - 1;
}

/**
 * One value per round, or NaN when the round has none: the median log(head / base) of the
 * round's pairs of allocation figures, each floored at {@link ALLOCATION_FLOOR_BYTES}.
 * Allocation is not slowed by other load, so every pair counts.
 */
function roundAllocationLogRatio(round: CaseRounds['rounds'][number]): number {
  const base = round.baseBytes ?? [];
  const head = round.headBytes ?? [];
  const logs: number[] = [];
  for (let i = 0; i < Math.min(base.length, head.length); i++) {
    const b = base[i];
    const h = head[i];
    if (b === null || b === undefined || h === null || h === undefined) continue;
    logs.push(Math.log(Math.max(h, ALLOCATION_FLOOR_BYTES) / Math.max(b, ALLOCATION_FLOOR_BYTES)));
  }
  return median(logs);
}

/** A case's usable rounds and the interval of their log-ratios, if they allow one. */
function caseInterval(
  rounds: CaseRounds['rounds'],
  confidence: number,
  logRatioOf: (round: CaseRounds['rounds'][number]) => number = roundLogRatio,
) {
  // A round without one clean pair says nothing about the code; it is left out.
  const usable = rounds.filter((round) => Number.isFinite(logRatioOf(round)));
  const interval = pairedLogRatioInterval(usable.map(logRatioOf), confidence);
  // Too few rounds cannot reach the confidence asked for: such an interval decides nothing.
  const conclusive = interval !== undefined && interval.confidence >= confidence;
  return { usable, interval, conclusive };
}

/**
 * Ids of the cases that more rounds could decide: those whose rounds cannot yet reach the
 * confidence asked for (too few clean rounds), and those whose rounds point beyond the
 * threshold — the estimate is outside `[1 / (1 + threshold), 1 + threshold]` — while the
 * interval still reaches back across it. A case whose estimate lies inside that band is left
 * alone: more rounds would most likely confirm `unchanged`, and an A/A comparison should not pay
 * for them.
 */
export function undecidedCaseIds(
  measured: readonly CaseRounds[],
  threshold: number,
  confidence: number,
): string[] {
  return measured
    .filter(({ rounds }) => {
      const { interval, conclusive } = caseInterval(rounds, confidence);
      if (!interval || !conclusive) return true;
      const beyond = interval.ratio > 1 + threshold || interval.ratio < 1 / (1 + threshold);
      return beyond && changeVerdict(interval, threshold) === 'unchanged';
    })
    .map(({ id }) => id);
}

const ALLOCATION_VERDICT = {
  slower: 'more',
  faster: 'less',
  unchanged: 'unchanged',
} as const satisfies Record<ReturnType<typeof changeVerdict>, AllocationVerdict>;

/** The median of a side's bytes per iteration in one round, or NaN when it has none. */
function roundBytes(bytes: readonly (number | null)[] | undefined): number {
  return median((bytes ?? []).filter((value): value is number => value !== null));
}

/**
 * A case's allocation, base against head, read as its time is: the rounds' median log-ratios,
 * their signed-rank interval, and the same threshold — `more` only when the whole interval lies
 * above 1 + threshold, `less` only when below 1 / (1 + threshold). Undefined when no round
 * measured allocation on both sides.
 */
function compareAllocation(
  rounds: CaseRounds['rounds'],
  threshold: number,
  confidence: number,
): CompareAllocation | undefined {
  const { usable, interval, conclusive } = caseInterval(
    rounds,
    confidence,
    roundAllocationLogRatio,
  );
  if (!interval) return undefined;
  return {
    baseBytes: median(usable.map((round) => roundBytes(round.baseBytes))),
    headBytes: median(usable.map((round) => roundBytes(round.headBytes))),
    ratio: interval.ratio,
    low: interval.low,
    high: interval.high,
    verdict: conclusive ? ALLOCATION_VERDICT[changeVerdict(interval, threshold)] : 'unchanged',
  };
}

/**
 * Turns measured rounds into compare cases, slowest ratio first. The rounds — fresh processes,
 * each with its own JIT decisions — are the independent units: the interval is the Wilcoxon
 * signed-rank interval of their log-ratios, so one lucky or unlucky process cannot decide. A
 * case with too few usable rounds to reach `confidence` is shown, but `unchanged`.
 */
export function compareCases(
  measured: readonly CaseRounds[],
  threshold: number,
  confidence: number,
): CompareCase[] {
  const cases: CompareCase[] = [];
  for (const { id, rounds } of measured) {
    const { usable, interval, conclusive } = caseInterval(rounds, confidence);
    if (!interval) continue;
    const allocation = compareAllocation(rounds, threshold, confidence);
    cases.push({
      id,
      ratio: interval.ratio,
      low: interval.low,
      high: interval.high,
      verdict: conclusive ? changeVerdict(interval, threshold) : 'unchanged',
      // Median of the rounds' medians: extra rounds (one case alone) may run at another speed
      // than the first ones, and pooling their slices could put each side's median in a
      // different group of rounds.
      baseP50: median(usable.map((round) => median(round.base))),
      headP50: median(usable.map((round) => median(round.head))),
      rounds: usable.length,
      roundSpread: Math.max(
        roundSpread(usable.map((r) => r.base)),
        roundSpread(usable.map((r) => r.head)),
      ),
      ...(allocation ? { allocation } : {}),
    });
  }
  return cases.sort(slowestFirst);
}

/** The order of a compare document's cases: slowest ratio first, then by id. */
export function slowestFirst(a: CompareCase, b: CompareCase): number {
  return b.ratio - a.ratio || a.id.localeCompare(b.id);
}
