import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileFunction } from '../../src/profilers/cpu-profiler.js';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import {
  CpuProfileFormatError,
  layoutFlameGraph,
  parseCpuProfile,
  renderFlameGraphPage,
  renderFlameGraphSvg,
} from '../../src/flamegraph/index.js';
import {
  clearProfilingResults,
  getProfilingResults,
} from '../../src/collector/profiling-collector.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

// Works until it has used `ms` of CPU time, which the sampler sees however loaded the machine.
function spinHeavyFlameTarget(ms: number): number {
  const cpuStart = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 1000; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(cpuStart);
    if ((used.user + used.system) / 1000 >= ms) return x;
  }
}

function frame(id: number, name: string, hitCount: number, children: number[] = []) {
  return {
    id,
    callFrame: { functionName: name, url: 'file:///app/x.js', lineNumber: id, columnNumber: 0 },
    hitCount,
    children,
  };
}

// root(0 self) → a (1 self) → c (3 self); root → b (4 self)
const HAND_MADE: CpuProfile = {
  nodes: [frame(1, '(root)', 0, [2, 3]), frame(2, 'a', 1, [4]), frame(3, 'b', 4), frame(4, 'c', 3)],
  startTime: 0,
  endTime: 8000,
  samples: [2, 4, 4, 4, 3, 3, 3, 3],
};

describe('flame graph', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
  });
  afterEach(() => ws.dispose());

  it('lays out frames with widths proportional to samples, children in name order', () => {
    const graph = layoutFlameGraph(HAND_MADE);
    expect(graph.totalSamples).toBe(8);
    expect(graph.maxDepth).toBe(2);
    expect(
      graph.frames.map((f) => [f.name, f.depth, f.x, f.width, f.samples, f.selfSamples]),
    ).toEqual([
      ['(root)', 0, 0, 1, 8, 0],
      ['a', 1, 0, 0.5, 4, 1],
      ['c', 2, 0, 0.375, 3, 3],
      ['b', 1, 0.5, 0.5, 4, 4],
    ]);
  });

  it('draws a real profile from profileFunction: the function appears with a width matching its samples', async () => {
    await profileFunction(() => spinHeavyFlameTarget(120), {
      name: 'flame-work',
      outputDir: ws.dir,
      sampleIntervalUs: 200,
    });
    const path = getProfilingResults()
      .at(-1)
      ?.reportPaths.find((p) => p.endsWith('.cpuprofile')) as string;
    const profile = parseCpuProfile(readFileSync(path, 'utf8'), path);
    const svg = renderFlameGraphSvg(profile, { width: 1000 });
    const graph = layoutFlameGraph(profile);
    const target = graph.frames.filter((f) => f.name === 'spinHeavyFlameTarget');
    expect(target.length).toBeGreaterThan(0);
    const share = target.reduce((sum, f) => sum + f.samples, 0) / graph.totalSamples;
    // The profile covers little besides the busy loop.
    expect(share).toBeGreaterThan(0.5);
    const drawn = [
      ...svg.matchAll(
        /<g class="frame" data-name="spinHeavyFlameTarget" data-samples="(\d+)"[^>]*><title>[^<]*<\/title><rect x="[\d.]+" y="\d+" width="([\d.]+)"/g,
      ),
    ];
    expect(drawn.length).toBe(target.length);
    for (const [, samples, width] of drawn) {
      expect(Number(width)).toBeCloseTo((Number(samples) / graph.totalSamples) * 1000, 1);
    }
    expect(svg).toContain('>spinHeavyFlameTarget</text>');
  });

  it('renders the same bytes for the same profile and escapes hostile names', () => {
    const hostile: CpuProfile = {
      ...HAND_MADE,
      nodes: HAND_MADE.nodes.map((n) =>
        n.id === 3
          ? { ...n, callFrame: { ...n.callFrame, functionName: '<script>alert(1)</script>' } }
          : n,
      ),
    };
    const page = renderFlameGraphPage(hostile, {
      title: 'x"<y',
      profileHref: 'p.cpuprofile',
      backHref: '../index.html',
    });
    expect(
      renderFlameGraphPage(hostile, {
        title: 'x"<y',
        profileHref: 'p.cpuprofile',
        backHref: '../index.html',
      }),
    ).toBe(page);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&#60;script&#62;alert(1)');
    expect(page).toContain('Flame graph: x&#34;&#60;y');
    expect(page).toContain('href="p.cpuprofile"');
    expect(page).toContain("default-src 'none'");
  });

  it('rejects text that is not a CPU profile, naming the source', () => {
    expect(() => parseCpuProfile('{', 'cpu/a.cpuprofile')).toThrow(CpuProfileFormatError);
    expect(() => parseCpuProfile('{"nodes":[]}', 'cpu/b.cpuprofile')).toThrow(
      /cpu\/b\.cpuprofile: not a CPU profile at nodes/,
    );
  });
});
