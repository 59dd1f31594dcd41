import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutFlameGraph } from '../../src/flamegraph/flame-graph-layout.js';
import { renderFlameGraphPage } from '../../src/flamegraph/flame-graph-page.js';
import { cpuFunctionTimes, summarizeCpuProfile } from '../../src/profilers/cpu-profile-summary.js';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import { readCpuProfileSummary } from '../../src/results/result-reader.js';
import type { FunctionTiming } from '../../src/results/profile-summary-schema.js';
import { createSourceMapResolver } from '../../src/source-map/source-map-resolver.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';
import {
  buildFixture,
  copyBuild,
  fixtureLines,
  profileHotLoop,
  profilePointingAt,
  reportFile,
} from './source-mapped-profile.js';

// One real profile of a real esbuild bundle, taken once in a child process: the hot function sumRoots of
// test/fixtures/source-maps/hot-loop.ts, built with a source map into a temp folder.
let ws: TempWorkspace;
let builtFile: string;
let profile: CpuProfile;
let summaryPath: string;
const lines = fixtureLines();

beforeAll(async () => {
  ws = createTempWorkspace();
  builtFile = await buildFixture(ws);
  profileHotLoop(ws, builtFile);
  summaryPath = reportFile(join(ws.dir, 'reports'), '.cpu.json');
  profile = JSON.parse(readFileSync(reportFile(join(ws.dir, 'reports'), '.cpuprofile'), 'utf8'));
});
afterAll(() => ws.dispose());

function hottest(timings: readonly FunctionTiming[]): FunctionTiming {
  const row = timings.find((t) => t.functionName === 'sumRoots');
  if (!row)
    throw new Error(`sumRoots is not among ${timings.map((t) => t.functionName).join(', ')}`);
  return row;
}

/** Summarizes the real profile with its frames pointed at a changed copy of the build. */
function summarizeCopy(copy: string) {
  const sourceMaps = createSourceMapResolver({ root: ws.dir });
  const tables = summarizeCpuProfile(profilePointingAt(profile, builtFile, copy), 10, undefined, {
    sourceMaps,
  });
  // The profile's other scripts (the child's runner, node_modules) have warnings of their own.
  const file = relative(ws.dir, copy);
  return {
    row: hottest(tables.topSelf),
    warnings: sourceMaps.warnings().filter((w) => w.file === file),
  };
}

describe('a real profile of a source-mapped bundle', () => {
  it('names the hot function by its TypeScript source and a line inside it', () => {
    const summary = readCpuProfileSummary(summaryPath);
    const row = hottest(summary.topSelf);
    expect(summary.topSelf[0]?.functionName).toBe('sumRoots');
    expect(row.mapping).toBe('mapped');
    expect(row.source?.file).toBe('src/hot-loop.ts');
    expect(row.source?.line).toBeGreaterThanOrEqual(lines.start);
    expect(row.source?.line).toBeLessThanOrEqual(lines.end);
    expect(row.location).toBe(`src/hot-loop.ts:${row.source?.line}`);
    // The built line differs: the bundle has no types or comments.
    expect(row.builtLocation).toBe(`${builtFile}:${row.line}`);
    expect(row.line).not.toBe(row.source?.line);
    expect(summary.sourceRoot).toBe(ws.dir);
  });

  it('says which frames kept their built location: the runner script has no map', () => {
    const summary = readCpuProfileSummary(summaryPath);
    const runner = summary.topTotal.find((t) => t.url.endsWith('profile-hot-loop.mjs'));
    expect(runner?.mapping).toBe('no-map');
    expect(runner?.location).toBe(runner?.builtLocation);
    expect(summary.sourceMapWarnings).toContainEqual({
      code: 'SOURCE_MAP_MISSING',
      file: 'profile-hot-loop.mjs',
      message: expect.stringContaining('no sourceMappingURL comment and no .map file beside it'),
    });
    // The bundle itself mapped cleanly.
    expect(summary.sourceMapWarnings?.filter((w) => w.file === 'dist/hot-loop.js')).toEqual([]);
  });

  it("lists the function's hottest source lines, the loop body first", () => {
    const row = hottest(readCpuProfileSummary(summaryPath).topSelf);
    const hot = row.lines ?? [];
    expect(hot.length).toBeGreaterThan(0);
    for (const line of hot) {
      expect(line.line).toBeGreaterThanOrEqual(lines.start);
      expect(line.line).toBeLessThanOrEqual(lines.end);
    }
    expect(hot.map((l) => l.line)).toContain(lines.loop);
    const loop = hot.find((l) => l.line === lines.loop);
    // The loop holds most of the samples; shares and times add up to at most the function's.
    expect(loop?.share).toBeGreaterThan(0.5);
    expect(hot.reduce((sum, l) => sum + l.share, 0)).toBeLessThanOrEqual(1.0001);
    expect(hot.reduce((sum, l) => sum + l.selfMs, 0)).toBeLessThanOrEqual(row.selfMs + 0.01);
  });

  it('prints source locations and hot lines in the text table', () => {
    const text = readFileSync(summaryPath.replace(/\.cpu\.json$/, '.cpu.txt'), 'utf8');
    expect(text).toMatch(/sumRoots\s+src\/hot-loop\.ts:\d+\n/);
    expect(text).toContain('Hottest lines');
    expect(text).toContain(`:${lines.loop} `);
  });

  it('times every function of the profile, source-mapped, most self time first', () => {
    const times = cpuFunctionTimes(profile, {
      sourceMaps: createSourceMapResolver({ root: ws.dir }),
    });
    const selfs = times.functions.map((f) => f.selfMs);
    expect(selfs).toEqual([...selfs].sort((a, b) => b - a));
    expect(times.functions[0]?.functionName).toBe('sumRoots');
    expect(times.functions[0]?.location).toMatch(/^src\/hot-loop\.ts:\d+$/);
    expect(times.functions[0]?.lines?.map((l) => l.line)).toContain(lines.loop);
    // Every function with time in the profile, the unmapped runner script's too.
    expect(times.functions.find((f) => f.url.endsWith('profile-hot-loop.mjs'))?.mapping).toBe(
      'no-map',
    );
    expect(times.totalSamples).toBe(profile.samples?.length);
  });

  it('maps through an inline (data URL) source map too', async () => {
    const inlineWs = createTempWorkspace();
    try {
      const inlineBuilt = await buildFixture(inlineWs, 'dist', 'inline');
      const sourceMaps = createSourceMapResolver({ root: inlineWs.dir });
      const tables = summarizeCpuProfile(
        profilePointingAt(profile, builtFile, inlineBuilt),
        10,
        undefined,
        { sourceMaps },
      );
      expect(hottest(tables.topSelf).location).toMatch(/^src\/hot-loop\.ts:\d+$/);
      expect(sourceMaps.warnings().filter((w) => w.file === 'dist/hot-loop.js')).toEqual([]);
    } finally {
      inlineWs.dispose();
    }
  });
});

describe('bad source maps keep the built location and warn', () => {
  it('a bundle with no source map', () => {
    const copy = copyBuild(ws, 'no-map');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''));
    writeFileSync(`${copy}.map`, ''); // a sibling that is not a map must not be read as one…
    const { row, warnings } = summarizeCopy(copy);
    expect(row.mapping).toBe('invalid-map');
    expect(row.location).toBe(`${copy}:${row.line}`);
    expect(warnings.map((w) => w.code)).toEqual(['SOURCE_MAP_INVALID']);
    expect(warnings[0]?.file).toBe('no-map/hot-loop.js');
    expect(warnings[0]?.message).toMatch(/not JSON.*keep their built location/);
  });

  it('a bundle with neither a sourceMappingURL nor a map beside it', () => {
    const copy = copyBuild(ws, 'no-map-at-all');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''));
    writeFileSync(`${copy}.map`, '{}');
    const withEmptyObject = summarizeCopy(copy);
    expect(withEmptyObject.row.mapping).toBe('invalid-map');
    expect(withEmptyObject.warnings[0]?.message).toContain('not a version 3 source map');
  });

  it('a sourceMappingURL naming a file that is not there', () => {
    const copy = copyBuild(ws, 'dangling');
    writeFileSync(
      copy,
      readFileSync(copy, 'utf8').replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=gone.js.map'),
    );
    const { row, warnings } = summarizeCopy(copy);
    expect(row.mapping).toBe('no-map');
    expect(row.source).toBeUndefined();
    expect(row.location).toBe(`${copy}:${row.line}`);
    expect(warnings.map((w) => w.code)).toEqual(['SOURCE_MAP_MISSING']);
    expect(warnings[0]?.message).toContain('gone.js.map');
  });

  it('a map older than its bundle', () => {
    const copy = copyBuild(ws, 'old-map');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(`${copy}.map`, hourAgo, hourAgo);
    const { row, warnings } = summarizeCopy(copy);
    expect(row.mapping).toBe('stale');
    expect(row.location).toBe(`${copy}:${row.line}`);
    expect(warnings.map((w) => w.code)).toEqual(['SOURCE_MAP_STALE']);
    expect(warnings[0]?.message).toContain('older than the file');
  });

  it('a source edited since the build', () => {
    const editedWs = createTempWorkspace();
    try {
      const source = readFileSync(join(ws.dir, 'src', 'hot-loop.ts'), 'utf8');
      editedWs.write('src/hot-loop.ts', `// a new first line moves every line\n${source}`);
      const copy = join(editedWs.dir, 'dist', 'hot-loop.js');
      editedWs.write('dist/hot-loop.js', readFileSync(builtFile, 'utf8'));
      editedWs.write('dist/hot-loop.js.map', readFileSync(`${builtFile}.map`, 'utf8'));
      const sourceMaps = createSourceMapResolver({ root: editedWs.dir });
      const tables = summarizeCpuProfile(
        profilePointingAt(profile, builtFile, copy),
        10,
        undefined,
        {
          sourceMaps,
        },
      );
      const row = hottest(tables.topSelf);
      expect(row.mapping).toBe('stale');
      expect(row.location).toBe(`${copy}:${row.line}`);
      expect(sourceMaps.warnings().find((w) => w.file === 'dist/hot-loop.js')).toMatchObject({
        code: 'SOURCE_MAP_STALE',
        message: expect.stringContaining('src/hot-loop.ts changed after the build'),
      });
    } finally {
      editedWs.dispose();
    }
  });

  it('a map whose sources climb out of the root', () => {
    const copy = copyBuild(ws, 'climbing');
    const map = JSON.parse(readFileSync(`${copy}.map`, 'utf8')) as { sources: string[] };
    map.sources = ['../../../../../../../../etc/passwd'];
    writeFileSync(`${copy}.map`, JSON.stringify(map));
    const { row, warnings } = summarizeCopy(copy);
    expect(row.mapping).toBe('outside-root');
    expect(row.location).toBe(`${copy}:${row.line}`);
    expect(row.source).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['SOURCE_OUTSIDE_ROOT']);
    expect(warnings[0]?.message).toContain(
      '../../../../../../../../etc/passwd, which lies outside the source root',
    );
    expect(warnings[0]?.message).not.toContain(ws.dir);
  });

  it('a map whose source path holds a NUL byte', () => {
    const copy = copyBuild(ws, 'nul-source');
    const map = JSON.parse(readFileSync(`${copy}.map`, 'utf8')) as { sources: string[] };
    map.sources = ['../src/hot-loop.ts\u0000.png'];
    writeFileSync(`${copy}.map`, JSON.stringify(map));
    const { row, warnings } = summarizeCopy(copy);
    expect(row.mapping).toBe('invalid-path');
    expect(row.location).toBe(`${copy}:${row.line}`);
    expect(warnings.map((w) => w.code)).toEqual(['SOURCE_PATH_INVALID']);
  });

  it('a frame whose script URL holds a NUL byte', () => {
    const sourceMaps = createSourceMapResolver({ root: ws.dir });
    const bad = `${pathToFileURL(builtFile).href}%00.js`;
    const tables = summarizeCpuProfile(profilePointingAt(profile, builtFile, builtFile), 10);
    expect(hottest(tables.topSelf).mapping).toBeUndefined(); // no resolver, no mapping asked
    expect(sourceMaps.resolve(bad, 3, 0)).toEqual({ status: 'invalid-path' });
    expect(sourceMaps.resolve(`/x/y.js\u0000`, 3, 0)).toEqual({ status: 'invalid-path' });
    expect(sourceMaps.warnings().map((w) => w.code)).toEqual([
      'SOURCE_PATH_INVALID',
      'SOURCE_PATH_INVALID',
    ]);
  });

  it('native and internal frames need no map and raise no warning', () => {
    const sourceMaps = createSourceMapResolver({ root: ws.dir });
    expect(sourceMaps.resolve('', -1, -1)).toEqual({ status: 'native' });
    expect(sourceMaps.resolve('node:internal/timers', 10, 2)).toEqual({ status: 'native' });
    expect(sourceMaps.warnings()).toEqual([]);
  });
});

describe('the flame graph of a real profile', () => {
  it('locates frames in their sources and lists their hot lines', () => {
    const sourceMaps = createSourceMapResolver({ root: ws.dir });
    const graph = layoutFlameGraph(profile, sourceMaps);
    const frame = graph.frames.find((f) => f.name === 'sumRoots');
    expect(frame?.location).toMatch(/^src\/hot-loop\.ts:\d+$/);
    expect(frame?.builtLocation).toMatch(/dist\/hot-loop\.js:\d+$/);
    expect(frame?.lines.map((l) => l.line)).toContain(lines.loop);
    // Without source maps the same frame keeps its built location.
    const plain = layoutFlameGraph(profile).frames.find((f) => f.name === 'sumRoots');
    expect(plain?.location).toBe(frame?.builtLocation);
  });

  it("shows a frame's source and hot lines in its details, and the built files left unmapped", () => {
    const page = renderFlameGraphPage(profile, {
      title: 'hot-loop',
      sourceMaps: createSourceMapResolver({ root: ws.dir }),
    });
    const title = /<title>(sumRoots \(src\/hot-loop\.ts:\d+\)[^<]*)<\/title>/.exec(page)?.[1];
    expect(title).toContain(`hot lines: :${lines.loop} `);
    expect(title).toMatch(/\[built [^\]]*dist\/hot-loop\.js:\d+\]/);
    expect(page).toContain('kept their built location');
    expect(page).toContain('profile-hot-loop.mjs: it has no sourceMappingURL comment');
  });
});
