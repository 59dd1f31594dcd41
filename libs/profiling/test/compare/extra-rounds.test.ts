import { describe, expect, it } from 'vitest';
import { compareCases, undecidedCaseIds } from '../../src/compare/case-comparison.js';
import { measurePairedRounds, type RoundRunner } from '../../src/compare/paired-rounds.js';
import type { WorkerTask } from '../../src/compare/worker-protocol.js';
import { seededRandom, type RandomSource } from '../../src/stats/seeded-random.js';

const THRESHOLD = 0.01;
const CONFIDENCE = 0.95;

function normal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Stands in for the worker process: every case it is asked for gets eight paired slices per
 * side. Each side of each round has its own "JIT luck" (a log-normal factor with sd `roundNoise`),
 * the round's machine speed hits both sides alike, and slices scatter a little around it.
 */
function simulatedMachine(
  random: RandomSource,
  trueRatios: Record<string, number>,
  roundNoise: number,
) {
  const asked: string[][] = [];
  const runRound: RoundRunner = (task: WorkerTask) => {
    const filter = task.filter === undefined ? undefined : new RegExp(task.filter);
    const ids = Object.keys(trueRatios).filter((id) => !filter || filter.test(id));
    asked.push(ids);
    const machine = 1 + 0.3 * (2 * random() - 1);
    const cases = ids.map((id) => {
      const base = 1000 * machine * Math.exp(roundNoise * normal(random));
      const head = 1000 * trueRatios[id]! * machine * Math.exp(roundNoise * normal(random));
      const slices = (time: number) =>
        Array.from({ length: task.pairs }, () => time * Math.exp(0.002 * Math.abs(normal(random))));
      return { id, base: slices(base), head: slices(head) };
    });
    return Promise.resolve({
      cases,
      onlyIn: [],
      failures: [],
      files: { base: ['a.bench.js'], head: ['a.bench.js'] },
    });
  };
  return { runRound, asked };
}

async function simulatedCompare(
  random: RandomSource,
  trueRatios: Record<string, number>,
  roundNoise: number,
  maxRounds: number,
) {
  const machine = simulatedMachine(random, trueRatios, roundNoise);
  const measured = await measurePairedRounds({
    project: 'demo',
    base: { side: 'base', benchDir: '/base', files: ['a.bench.js'] },
    head: { side: 'head', benchDir: '/head', files: ['a.bench.js'] },
    plan: { rounds: 10, maxRounds, timeNs: 8e7, pairs: 8 },
    tempDir: '/tmp',
    progress: () => {},
    undecided: (cases) => undecidedCaseIds(cases, THRESHOLD, CONFIDENCE),
    runRound: machine.runRound,
  });
  return { cases: compareCases(measured.cases, THRESHOLD, CONFIDENCE), asked: machine.asked };
}

describe('undecidedCaseIds', () => {
  const rounds = (logRatios: number[]) =>
    logRatios.map((log) => ({
      base: [1000, 1000],
      head: [1000 * Math.exp(log), 1000 * Math.exp(log)],
    }));

  it('names a case whose rounds point beyond the threshold while its interval reaches back', () => {
    const pointing = rounds([0.05, -0.02, 0.06, -0.01, 0.04, 0.03, 0.02, 0.03, -0.015, 0.035]);
    const [found] = compareCases([{ id: 'pointing', rounds: pointing }], THRESHOLD, CONFIDENCE);
    expect(found?.verdict).toBe('unchanged');
    expect(found!.ratio).toBeGreaterThan(1 + THRESHOLD);
    expect(undecidedCaseIds([{ id: 'pointing', rounds: pointing }], THRESHOLD, CONFIDENCE)).toEqual(
      ['pointing'],
    );
  });

  it('leaves alone decided cases and cases whose estimate lies inside the threshold', () => {
    const measured = [
      { id: 'slower', rounds: rounds([0.1, 0.11, 0.09, 0.1, 0.105, 0.1, 0.095, 0.1, 0.1, 0.1]) },
      {
        id: 'flat',
        rounds: rounds([0.004, -0.02, 0.03, 0.0, -0.01, 0.01, -0.03, 0.02, 0.0, -0.004]),
      },
      {
        id: 'faster',
        rounds: rounds([-0.1, -0.11, -0.09, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1]),
      },
    ];
    expect(undecidedCaseIds(measured, THRESHOLD, CONFIDENCE)).toEqual([]);
  });

  it('names a case with too few rounds for an interval', () => {
    expect(
      undecidedCaseIds([{ id: 'young', rounds: rounds([0.1, 0.1]) }], THRESHOLD, CONFIDENCE),
    ).toEqual(['young']);
  });
});

describe('extra rounds for undecided cases', () => {
  it('measures only the undecided case again, four rounds at a time, and stops once it is decided', async () => {
    const random = seededRandom(7);
    const { cases, asked } = await simulatedCompare(
      random,
      { 'demo/a.b': 1.03, 'demo/a+b': 1.0 },
      0.03,
      30,
    );
    expect(asked.slice(0, 10).every((ids) => ids.length === 2)).toBe(true);
    const extra = asked.slice(10);
    expect(extra.length % 4).toBe(0);
    // The filter matches ids exactly: a regex character in one id does not select the other.
    expect(extra.every((ids) => ids.length === 1 && ids[0] === 'demo/a.b')).toBe(true);
    const changed = cases.find((c) => c.id === 'demo/a.b')!;
    expect(changed.rounds).toBe(asked.length);
    expect(cases.find((c) => c.id === 'demo/a+b')!.rounds).toBe(10);
  });

  it('confirms a 3 % change that 10 rounds leave undecided, and raises no more A/A alarms', async () => {
    // Each side's round luck scatters by 2 %: ten rounds narrow the interval to about ±1.8 %,
    // often not enough to show that a 3 % change clears the 1 % threshold; thirty, to about ±1 %.
    const trials = 300;
    let foundWithout = 0;
    let foundWith = 0;
    let alarms = 0;
    const random = seededRandom(11);
    for (let t = 0; t < trials; t++) {
      const fixed = await simulatedCompare(random, { changed: 1.03 }, 0.02, 10);
      if (fixed.cases[0]?.verdict === 'slower') foundWithout++;
      const adaptive = await simulatedCompare(random, { changed: 1.03, same: 1 }, 0.02, 30);
      if (adaptive.cases.find((c) => c.id === 'changed')?.verdict === 'slower') foundWith++;
      if (adaptive.cases.find((c) => c.id === 'same')?.verdict !== 'unchanged') alarms++;
    }
    expect(foundWithout / trials).toBeLessThan(0.8);
    expect(foundWith / trials).toBeGreaterThan(0.95);
    expect(alarms / trials).toBeLessThan(0.01);
  });
});
