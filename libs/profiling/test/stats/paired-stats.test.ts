import { describe, expect, it } from 'vitest';
import {
  changeVerdict,
  pairedLogRatioInterval,
  pairedRatioInterval,
  seededRandom,
  signedRankInterval,
  type RandomSource,
} from '../../src/stats/index.js';

/** Standard normal draw (Box–Muller) from a seeded uniform source. */
function normal(random: RandomSource): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * One simulated comparison: `rounds` paired timings around 1000 ns. Each round the machine
 * runs at a random speed (a common factor, up to ±30 %, that pairing must cancel), and each
 * side has its own noise of `noise` (log scale); `heavyTail` adds an occasional 15 % hiccup.
 */
function simulateRounds(
  random: RandomSource,
  rounds: number,
  trueRatio: number,
  noise: number,
  heavyTail = false,
) {
  const base: number[] = [];
  const head: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const machine = 1 + 0.3 * (2 * random() - 1);
    const hiccup = () => (heavyTail && random() < 0.1 ? 1.15 : 1);
    base.push(1000 * machine * Math.exp(noise * normal(random)) * hiccup());
    head.push(1000 * trueRatio * machine * Math.exp(noise * normal(random)) * hiccup());
  }
  return { base, head };
}

describe('signedRankInterval', () => {
  it('takes order statistics 4 and 33 of the 36 Walsh averages for 8 values at 95 % (exact table)', () => {
    // 8 values 1…8: Walsh averages (i + j) / 2 for i ≤ j. P(T+ ≤ 3) = 5/256, P(T+ ≤ 4) = 7/256.
    const interval = signedRankInterval([1, 2, 3, 4, 5, 6, 7, 8])!;
    expect(interval.estimate).toBe(4.5);
    expect(interval.low).toBe(2);
    expect(interval.high).toBe(7);
    expect(interval.confidence).toBeCloseTo(1 - 10 / 256, 12);
    expect(interval.n).toBe(8);
  });

  it('cannot reach 95 % with 5 values and says so in the confidence it reports', () => {
    const interval = signedRankInterval([5, 1, 4, 2, 3])!;
    expect(interval.low).toBe(1);
    expect(interval.high).toBe(5);
    expect(interval.confidence).toBeCloseTo(1 - 2 / 32, 12);
  });

  it('is moved little by one wild value, unlike a mean', () => {
    const calm = [0.01, 0.012, 0.009, 0.011, 0.01, 0.013, 0.008, 0.01];
    const wild = [...calm.slice(0, 7), 5];
    expect(signedRankInterval(wild)!.estimate).toBeLessThan(0.013);
  });

  it('rejects empty and non-finite input', () => {
    expect(signedRankInterval([])).toBeUndefined();
    expect(signedRankInterval([1, Number.NaN, 2])).toBeUndefined();
  });
});

describe('pairedRatioInterval', () => {
  it('gives mirrored intervals when the sides swap', () => {
    const random = seededRandom(11);
    const { base, head } = simulateRounds(random, 10, 1.1, 0.02);
    const forward = pairedRatioInterval(base, head)!;
    const backward = pairedRatioInterval(head, base)!;
    expect(backward.ratio).toBeCloseTo(1 / forward.ratio, 12);
    expect(backward.low).toBeCloseTo(1 / forward.high, 12);
    expect(backward.high).toBeCloseTo(1 / forward.low, 12);
    expect(forward.pairs).toBe(10);
  });

  it('rejects unequal lengths and non-positive times', () => {
    expect(pairedRatioInterval([1, 2], [1])).toBeUndefined();
    expect(pairedRatioInterval([1, 0], [1, 1])).toBeUndefined();
    expect(pairedLogRatioInterval([])).toBeUndefined();
  });

  it.each([
    ['normal noise', false],
    ['noise with hiccups', true],
  ])(
    'under A/A (%s) the 95 %% interval misses the true ratio about 5 %% of the time',
    (_, heavyTail) => {
      const random = seededRandom(heavyTail ? 21 : 20);
      const trials = 4000;
      let misses = 0;
      for (let t = 0; t < trials; t++) {
        const { base, head } = simulateRounds(random, 8, 1, 0.03, heavyTail);
        const interval = pairedRatioInterval(base, head)!;
        if (interval.low > 1 || interval.high < 1) misses++;
      }
      // With 8 rounds the exact level is 1 − 10/256 ≈ 0.961: about 3.9 % misses expected.
      expect(misses / trials).toBeGreaterThan(0.025);
      expect(misses / trials).toBeLessThan(0.06);
    },
  );

  it('never calls an A/A comparison slower or faster at the 2 % threshold when per-round noise is 1 %', () => {
    const random = seededRandom(30);
    let alarms = 0;
    for (let t = 0; t < 4000; t++) {
      const { base, head } = simulateRounds(random, 8, 1, 0.01);
      if (changeVerdict(pairedRatioInterval(base, head)!, 0.02) !== 'unchanged') alarms++;
    }
    expect(alarms / 4000).toBeLessThan(0.005);
  });

  it.each([
    [1.05, 'slower'],
    [1 / 1.05, 'faster'],
  ] as const)(
    'finds a true ratio of %d in at least 95 %% of comparisons (8 rounds, 1 %% noise)',
    (ratio, verdict) => {
      const random = seededRandom(40);
      let found = 0;
      for (let t = 0; t < 2000; t++) {
        const { base, head } = simulateRounds(random, 8, ratio, 0.01);
        const interval = pairedRatioInterval(base, head)!;
        if (changeVerdict(interval, 0.02) === verdict) found++;
      }
      expect(found / 2000).toBeGreaterThan(0.95);
    },
  );

  it('pairing cancels the machine drift that hides a 5 % change from unpaired medians', () => {
    // Rounds whose machine speed swings ±30 %: the paired interval stays narrow.
    const random = seededRandom(50);
    const { base, head } = simulateRounds(random, 12, 1.05, 0.01);
    const interval = pairedRatioInterval(base, head)!;
    expect(interval.high / interval.low).toBeLessThan(1.03);
    expect(interval.low).toBeGreaterThan(1.02);
  });
});

describe('changeVerdict', () => {
  it.each([
    [{ low: 1.03, high: 1.08 }, 'slower'],
    [{ low: 1.01, high: 1.08 }, 'unchanged'], // reaches below the threshold
    [{ low: 0.99, high: 1.01 }, 'unchanged'],
    [{ low: 0.9, high: 0.97 }, 'faster'],
    [{ low: 0.9, high: 0.985 }, 'unchanged'], // 1/1.02 ≈ 0.9804
  ] as const)('%o at 2 %% is %s', (interval, verdict) => {
    expect(changeVerdict(interval, 0.02)).toBe(verdict);
  });
});
