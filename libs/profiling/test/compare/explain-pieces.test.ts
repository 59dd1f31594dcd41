import { describe, expect, it } from 'vitest';
import { caseCallTree } from '../../src/compare/case-call-tree.js';
import { compareCases } from '../../src/compare/case-comparison.js';
import {
  differentialFlame,
  EXPLAIN_NOISE_Z,
  explainedFrames,
} from '../../src/compare/case-explanation.js';
import {
  analyseComparison,
  compareExitCode,
  type ProjectMeasurement,
} from '../../src/compare/compare-analysis.js';
import { parseCompareOptions, parseFailOn } from '../../src/compare/compare-options.js';
import type { PathFrame, SideFunction, SideProfile } from '../../src/compare/side-profile.js';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import { CompareDocumentSchema } from '../../src/results/compare-document-schema.js';
import { TEST_ENVIRONMENT as environment } from '../fixtures/test-environment.js';

function fn(name: string, samples: number, lines: [number, number][] = []): SideFunction {
  return {
    functionName: name,
    functionLocation: `libs/x/src/${name}.ts:1`,
    builtLocation: `libs/x/dist/index.js:1`,
    file: `libs/x/src/${name}.ts`,
    mapping: 'mapped',
    samples,
    lines: lines.map(([line, count]) => ({ line, samples: count })),
  };
}

function side(functions: SideFunction[], flame: PathFrame[] = []): SideProfile {
  return {
    samples: functions.reduce((sum, f) => sum + f.samples, 0),
    nsPerIteration: 1000,
    nsRelativeError: 0.002,
    blockNs: [],
    functions,
    flame,
    warnings: [],
  };
}

describe('explainedFrames (the noise rule)', () => {
  it('lists nothing when both sides sampled alike', () => {
    const base = side([fn('scan', 600), fn('score', 400)]);
    const head = side([fn('scan', 590), fn('score', 410)]);
    expect(explainedFrames(base, head, 0.01)).toEqual([]);
  });

  it('lists a grown function first, at its most grown line, and the one that shrank after', () => {
    const base = side([fn('scan', 900, [[3, 900]]), fn('score', 100, [[8, 100]])]);
    const head = side([
      fn('scan', 500, [[3, 500]]),
      fn('score', 500, [
        [8, 100],
        [12, 400],
      ]),
    ]);
    const frames = explainedFrames(base, head, 0.01);
    expect(frames.map((f) => [f.functionName, f.change, f.location])).toEqual([
      ['score', 'grew', 'libs/x/src/score.ts:12'],
      ['scan', 'shrank', 'libs/x/src/scan.ts:3'],
    ]);
    expect(frames[0]).toMatchObject({
      base: { samples: 100, share: 0.1, selfNs: 100 },
      head: { samples: 500, share: 0.5, selfNs: 500 },
      deltaNs: 400,
      deltaShare: 0.4,
    });
    expect(frames[0]!.lines[0]).toEqual({ line: 12, deltaNs: 400 });
  });

  it(`leaves out a change within ${EXPLAIN_NOISE_Z} standard errors of Poisson noise`, () => {
    // 30 → 45 samples of 1000: 15 samples apart, √31 ⊕ √46 ≈ 8.8 samples of spread, 1.7 σ.
    const base = side([fn('scan', 970), fn('rare', 30)]);
    const head = side([fn('scan', 955), fn('rare', 45)]);
    expect(explainedFrames(base, head, 0.01)).toEqual([]);
    // The same shares from a hundred times the samples are far beyond noise.
    const big = (s: SideProfile) => ({
      ...s,
      samples: s.samples * 100,
      functions: s.functions.map((f) => ({ ...f, samples: f.samples * 100 })),
    });
    expect(explainedFrames(big(base), big(head), 0.01).map((f) => f.functionName)).toEqual([
      'rare',
    ]);
  });

  it('leaves out a change beyond noise but under the threshold of the case', () => {
    const big = (n: number) => fn('rare', n);
    const base = side([fn('scan', 99_000), big(1000)]);
    const head = side([fn('scan', 98_500), big(1500)]);
    // +0.5 % of the case: many standard errors, but under a 1 % threshold.
    expect(explainedFrames(base, head, 0.01)).toEqual([]);
    expect(explainedFrames(base, head, 0.001).map((f) => f.functionName)).toContain('rare');
  });

  // A side's blocks of slices, each taking `ns` per iteration, give its paired-block ratios.
  const timed = (s: SideProfile, ns: number, blocks = [1, 1.01, 0.99, 1, 1.005, 0.995]) => ({
    ...s,
    nsPerIteration: ns,
    blockNs: blocks.map((b) => b * ns),
  });

  it('lists no function when only the profiled time of the whole case moved, unconfirmed by the measurement', () => {
    // The profiled head ran 20 % slower, the measuring rounds found the same speed: the shares
    // did not move, so no function changed.
    const base = timed(side([fn('mix', 3000), fn('sum', 60)]), 86_000);
    const head = timed(side([fn('mix', 3100), fn('sum', 62)]), 104_000);
    expect(explainedFrames(base, head, 0.05, 1.0)).toEqual([]);
    // Had the measurement found it 20 % slower too, the function carrying the time grew.
    expect(
      explainedFrames(base, head, 0.05, 104 / 86).map((f) => [f.functionName, f.change]),
    ).toEqual([['mix', 'grew']]);
  });

  it('lists no function when the paired blocks disagree about the case time', () => {
    const base = timed(side([fn('mix', 3000)]), 86_000, [1, 1, 1, 1, 1, 1]);
    const head = timed(side([fn('mix', 3000)]), 104_000, [0.8, 1.3, 0.75, 1.25, 0.85, 1.05]);
    expect(explainedFrames(base, head, 0.05)).toEqual([]);
  });

  it('lists a function that took over the case, while the one it displaced is not called shrunk', () => {
    // Without inlining, the profiled head is 3.4× slower where the measurement says 1.46×.
    const base = timed(side([fn('mix', 3100)]), 81_000);
    const head = timed(side([fn('mix', 1250), fn('planted', 2500, [[11, 2500]])]), 278_000);
    const frames = explainedFrames(base, head, 0.05, 1.46);
    expect(frames.map((f) => [f.functionName, f.change, f.location])).toEqual([
      ['planted', 'grew', 'libs/x/src/planted.ts:11'],
    ]);
  });

  it('explains nothing from an empty profile', () => {
    expect(explainedFrames(side([]), side([fn('scan', 10)]), 0.01)).toEqual([]);
  });
});

describe('differentialFlame', () => {
  const frame = (path: string, depth: number, selfSamples: number, width: number): PathFrame => ({
    name: path.split('\n').at(-1)!,
    location: 'libs/x/src/x.ts:1',
    builtLocation: 'libs/x/dist/index.js:1',
    lines: [],
    depth,
    x: 0,
    width,
    samples: Math.round(width * 1000),
    selfSamples,
    path,
  });
  it("keeps the head's shape and gives each frame its self share on both sides", () => {
    const base = side(
      [fn('scan', 1000)],
      [frame('\nroot', 0, 0, 1), frame('\nroot\nscan', 1, 1000, 1)],
    );
    const head = side(
      [fn('scan', 500), fn('extra', 500)],
      [
        frame('\nroot', 0, 0, 1),
        frame('\nroot\nscan', 1, 500, 0.5),
        frame('\nroot\nextra', 1, 500, 0.5),
        frame('\nroot\ntiny', 1, 1, 0.001),
      ],
    );
    expect(
      differentialFlame(base, head).map((f) => [f.name, f.baseSelfShare, f.headSelfShare]),
    ).toEqual([
      ['root', 0, 0],
      ['scan', 1, 0.5],
      ['extra', 0, 0.5],
    ]);
  });
});

describe('caseCallTree', () => {
  const node = (id: number, name: string, line: number, children: number[] = []) => ({
    id,
    callFrame: {
      functionName: name,
      scriptId: '7',
      url: 'file:///x.js',
      lineNumber: line,
      columnNumber: 0,
    },
    children,
  });
  it("keeps only the samples inside the case's function, its calls from two places merged", () => {
    const profile: CpuProfile = {
      nodes: [
        {
          id: 1,
          callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 },
          children: [2, 6, 7],
        },
        node(2, 'loop', 1, [3, 5]),
        node(3, 'bench', 10, [4]),
        node(4, 'work', 20),
        node(5, 'bench', 10),
        { id: 6, callFrame: { functionName: '(idle)', url: '', lineNumber: -1, columnNumber: -1 } },
        {
          id: 7,
          callFrame: {
            functionName: '(garbage collector)',
            url: '',
            lineNumber: -1,
            columnNumber: -1,
          },
        },
      ],
      startTime: 0,
      endTime: 100,
      samples: [2, 3, 4, 4, 5, 6, 6, 7],
      timeDeltas: [1, 1, 1, 1, 1, 1, 1, 1],
    };
    const tree = caseCallTree([profile], { scriptId: '7', lineNumber: 10, columnNumber: 0 });
    expect(tree.samples).toHaveLength(4);
    const names = tree.nodes.map((n) => [n.callFrame.functionName, n.hitCount]);
    expect(names).toEqual([
      ['(root)', 0],
      ['bench', 2],
      ['work', 2],
    ]);
    // Without the case's function: everything but the idle samples.
    expect(caseCallTree([profile]).samples).toHaveLength(6);
    // Blocks of slices, each profiled apart, add up into one tree.
    const twice = caseCallTree([profile, profile], {
      scriptId: '7',
      lineNumber: 10,
      columnNumber: 0,
    });
    expect(twice.nodes.map((n) => n.hitCount)).toEqual([0, 4, 4]);
  });
});

describe('allocation verdicts and --fail-on', () => {
  const rounds = (baseBytes: number | null, headBytes: number | null) =>
    Array.from({ length: 8 }, (_, i) => ({
      base: [1000 + i, 1001 + i],
      head: [1000 + i, 1001 + i],
      baseBytes: [baseBytes, baseBytes === null ? null : baseBytes + i],
      headBytes: [headBytes, headBytes === null ? null : headBytes + i * 3],
    }));

  it('reads bytes per iteration as the time is read: interval, threshold, verdict', () => {
    const cases = compareCases(
      [
        { id: 'demo/a/more', rounds: rounds(1000, 3000) },
        { id: 'demo/a/less', rounds: rounds(3000, 1000) },
        { id: 'demo/a/same', rounds: rounds(1000, 1000) },
        {
          id: 'demo/a/none',
          rounds: rounds(0, 0).map((r, i) => ({ ...r, baseBytes: [0, 2], headBytes: [12, i] })),
        },
        { id: 'demo/a/unknown', rounds: rounds(null, null) },
      ],
      0.01,
      0.95,
    );
    const byId = new Map(cases.map((c) => [c.id, c]));
    expect(byId.get('demo/a/more')?.verdict).toBe('unchanged');
    // Median over the rounds of each round's median: 1000 + i / 2 for i = 0…7.
    expect(byId.get('demo/a/more')?.allocation).toMatchObject({
      verdict: 'more',
      baseBytes: 1001.75,
    });
    expect(byId.get('demo/a/more')!.allocation!.ratio).toBeCloseTo(3, 1);
    expect(byId.get('demo/a/less')?.allocation?.verdict).toBe('less');
    expect(byId.get('demo/a/same')?.allocation?.verdict).toBe('unchanged');
    // Under one small object per iteration on both sides: nothing to compare.
    expect(byId.get('demo/a/none')?.allocation).toMatchObject({ verdict: 'unchanged', ratio: 1 });
    expect(byId.get('demo/a/unknown')?.allocation).toBeUndefined();
  });

  const measurement = (cases: ProjectMeasurement['rounds']['cases']): ProjectMeasurement => ({
    project: 'demo',
    base: { ref: 'main', commit: 'a'.repeat(40) },
    head: { ref: 'HEAD', commit: 'b'.repeat(40), dirty: false },
    environment,
    measuredAt: new Date(0),
    threshold: 0.01,
    rounds: { cases, onlyIn: [], failures: [] },
  });

  it('fails on allocation only when asked, and reads --fail-on strictly', () => {
    const measured = measurement([{ id: 'demo/a/more', rounds: rounds(1000, 3000) }]);
    const { document } = analyseComparison(measured);
    expect(compareExitCode([document])).toBe(0);
    expect(compareExitCode([document], ['allocation'])).toBe(1);
    expect(compareExitCode([document], ['time', 'allocation'])).toBe(1);
    expect(parseFailOn(undefined)).toEqual(['time']);
    expect(parseFailOn('allocation,time,allocation')).toEqual(['allocation', 'time']);
    for (const bad of ['', 'memory', 'time,', 'time;allocation', 'TIME'])
      expect(() => parseFailOn(bad)).toThrow(/--fail-on/);
  });

  it('parses --explain and --explain-budget, with a default budget', () => {
    const base = ['--base', 'main', '--project', 'demo'];
    expect(parseCompareOptions(base)).toMatchObject({
      explain: false,
      explainBudgetS: 60,
      failOn: ['time'],
    });
    expect(
      parseCompareOptions([
        ...base,
        '--explain',
        '--explain-budget',
        '0',
        '--fail-on',
        'allocation',
      ]),
    ).toMatchObject({ explain: true, explainBudgetS: 0, failOn: ['allocation'] });
    expect(() => parseCompareOptions([...base, '--explain-budget', '-1'])).toThrow(
      /--explain-budget/,
    );
    expect(() => parseCompareOptions([...base, '--explain-budget', '99999'])).toThrow(
      /at most 3600/,
    );
  });

  it('still reads documents written before allocation and explanations were recorded', () => {
    const { document } = analyseComparison(
      measurement([
        { id: 'demo/a/old', rounds: rounds(null, null).map(({ base, head }) => ({ base, head })) },
      ]),
    );
    const old = JSON.parse(JSON.stringify(document)) as typeof document;
    expect(old.cases[0]!.allocation).toBeUndefined();
    expect(CompareDocumentSchema.parse(old)).toEqual(old);
  });
});
