import { describe, expect, it } from 'vitest';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import { summarizeCpuProfile } from '../../src/profilers/cpu-profile-summary.js';
import { formatCpuSummary } from '../../src/profilers/cpu-summary-table.js';
import { CpuProfileSummarySchema } from '../../src/results/profile-summary-schema.js';

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  url: functionName.startsWith('(') ? '' : 'file:///app/main.js',
  lineNumber,
  columnNumber: 0,
});

// root → main → walk → walk (recursion) ; main → idle
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2] },
    { id: 2, callFrame: frame('main', 0), children: [3, 5] },
    { id: 3, callFrame: frame('walk', 9), children: [4] },
    { id: 4, callFrame: frame('walk', 9) },
    { id: 5, callFrame: frame('(garbage collector)', -1) },
  ],
  startTime: 0,
  endTime: 10_000,
  // Samples at 0, 1000, 3000, 6000, 8000 µs: each lasts until the next one, the last until endTime.
  samples: [2, 3, 4, 4, 5],
  timeDeltas: [0, 1000, 2000, 3000, 2000],
};

describe('summarizeCpuProfile', () => {
  const tables = summarizeCpuProfile(profile, 10);

  it('charges each sample the time until the next sample', () => {
    const self = Object.fromEntries(tables.topSelf.map((f) => [f.functionName, f.selfMs]));
    expect(self).toEqual({ walk: 7, main: 1, '(garbage collector)': 2 });
    expect(tables.topSelf[0]).toMatchObject({
      functionName: 'walk',
      hitCount: 3,
      selfPercent: 70,
      location: '/app/main.js:10',
      line: 10,
    });
  });

  it('counts a recursive function once per sample in its total time', () => {
    const walk = tables.topTotal.find((f) => f.functionName === 'walk');
    const main = tables.topTotal.find((f) => f.functionName === 'main');
    expect(walk?.totalMs).toBe(7);
    expect(main?.totalMs).toBe(10);
    expect(main?.totalPercent).toBe(100);
    expect(tables.topTotal.some((f) => f.functionName === '(root)')).toBe(false);
  });

  it('leaves excluded frames out of both tables and keeps their callers', () => {
    const without = summarizeCpuProfile(profile, 10, (f) => f.functionName === 'walk');
    expect(without.topSelf.map((f) => f.functionName)).toEqual(['(garbage collector)', 'main']);
    expect(without.topTotal.some((f) => f.functionName === 'walk')).toBe(false);
    expect(without.topTotal.find((f) => f.functionName === 'main')?.totalMs).toBe(10);
  });

  it('keeps only the requested number of rows', () => {
    expect(summarizeCpuProfile(profile, 1).topSelf.map((f) => f.functionName)).toEqual(['walk']);
  });

  it('formats both tables with the native frames marked', () => {
    const summary = CpuProfileSummarySchema.parse({
      schemaVersion: 1,
      kind: 'cpu',
      name: 'demo',
      timestamp: '2026-11-24T10:00:00.000Z',
      wallMs: 10,
      profileMs: tables.profileMs,
      sampleIntervalUs: 1000,
      totalSamples: tables.totalSamples,
      profilePath: '/tmp/demo.cpuprofile',
      topSelf: tables.topSelf,
      topTotal: tables.topTotal,
    });
    const text = formatCpuSummary(summary);
    expect(text).toContain('By self time');
    expect(text).toContain('By total time');
    expect(text).toMatch(/7\.000\s+70\.00\s+7\.000\s+70\.00\s+3\s+walk\s+\/app\/main\.js:10/);
    expect(text).toContain('(native)');
  });

  it("charges each of a function's lines its share of the position ticks, summed over its nodes", () => {
    const ticked: CpuProfile = {
      ...profile,
      nodes: profile.nodes.map((node) =>
        node.id === 3
          ? { ...node, positionTicks: [{ line: 11, ticks: 1 }] }
          : node.id === 4
            ? {
                ...node,
                positionTicks: [
                  { line: 12, ticks: 2 },
                  { line: 11, ticks: 1 },
                ],
              }
            : node,
      ),
    };
    const walk = summarizeCpuProfile(ticked, 10).topSelf.find((f) => f.functionName === 'walk');
    // walk has 7 ms of self time over 4 ticks: lines 11 and 12 have two ticks each.
    expect(walk?.lines).toEqual([
      { line: 11, selfMs: 3.5, share: 0.5, ticks: 2 },
      { line: 12, selfMs: 3.5, share: 0.5, ticks: 2 },
    ]);
    expect(walk?.builtLocation).toBe('/app/main.js:10');
    expect(walk?.mapping).toBeUndefined();
  });
});
