import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCase } from '../../src/compare/case-explanation.js';
import { formatCompareTable } from '../../src/compare/compare-table.js';
import { renderComparePage } from '../../src/compare/compare-page.js';
import { readSideProfile } from '../../src/compare/side-profile.js';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import type { CompareDocument } from '../../src/results/compare-document-schema.js';
import {
  buildFixture,
  copyBuild,
  profileHotLoop,
  profilePointingAt,
  reportFile,
} from '../source-map/source-mapped-profile.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

/** A compare document holding one explained case, for the table and the page. */
function documentWith(explanation: ReturnType<typeof explainCase>): CompareDocument {
  const commit = 'a'.repeat(40);
  return {
    schemaVersion: 1,
    project: 'demo',
    createdAt: new Date(0).toISOString(),
    base: { ref: 'main', commit },
    head: { ref: 'HEAD', commit: 'b'.repeat(40), dirty: false },
    environment: {
      node: process.version,
      v8: process.versions.v8,
      platform: process.platform,
      arch: process.arch,
      cpuModel: 'test',
      cpuCount: 1,
      totalMemoryBytes: 1,
      commandLine: [],
    } as unknown as CompareDocument['environment'],
    method: { name: 'paired-rounds/wilcoxon-signed-rank', threshold: 0.01, confidence: 0.95 },
    cases: [
      {
        id: 'demo/loop/sum',
        ratio: 1.2,
        low: 1.1,
        high: 1.3,
        verdict: 'slower',
        baseP50: 1000,
        headP50: 1200,
        rounds: 6,
        explanation,
      },
    ],
  };
}

describe('explanations of profiles whose source maps are missing, stale or point outside the checkout', () => {
  let ws: TempWorkspace;
  let profile: CpuProfile;
  let built: string;
  beforeAll(async () => {
    ws = createTempWorkspace(true);
    built = await buildFixture(ws);
    profileHotLoop(ws, built);
    profile = JSON.parse(
      readFileSync(reportFile(join(ws.dir, 'reports'), '.cpuprofile'), 'utf8'),
    ) as CpuProfile;
  }, 60_000);
  afterAll(() => ws.dispose());

  /** The profile's frames moved to a copy of the build, which `spoil` then damages. */
  function spoiledSide(name: string, spoil: (copy: string) => void) {
    const copy = copyBuild(ws, name);
    spoil(copy);
    const path = join(ws.dir, `${name}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profilePointingAt(profile, built, copy)));
    return readSideProfile({ paths: [path], sliceNs: [1000, 1010, 990] }, ws.dir, new Map());
  }

  const hot = (side: ReturnType<typeof spoiledSide>) =>
    side.functions.find((f) => f.functionName === 'sumRoots')!;

  it('maps the intact build to its source (the control)', () => {
    const side = spoiledSide('intact', () => {});
    expect(hot(side).functionLocation).toMatch(/^src\/hot-loop\.ts:\d+$/);
    expect(side.warnings.filter((w) => w.file.startsWith('intact/'))).toEqual([]);
  });

  it.each([
    ['no source map', 'SOURCE_MAP_MISSING', (copy: string) => rmSync(`${copy}.map`)],
    [
      'a stale source map',
      'SOURCE_MAP_STALE',
      (copy: string) => {
        const map = JSON.parse(readFileSync(`${copy}.map`, 'utf8')) as { sourcesContent: string[] };
        map.sourcesContent[0] += '\n// the source as it was built, before an edit';
        writeFileSync(`${copy}.map`, JSON.stringify(map));
      },
    ],
    [
      'a map pointing outside the checkout',
      'SOURCE_OUTSIDE_ROOT',
      (copy: string) => {
        const map = JSON.parse(readFileSync(`${copy}.map`, 'utf8')) as { sources: string[] };
        map.sources = map.sources.map(() => '../../../../../../etc/hot-loop.ts');
        writeFileSync(`${copy}.map`, JSON.stringify(map));
      },
    ],
  ])('%s: keeps the built location and surfaces %s', (name, code, spoil) => {
    const folder = name.replaceAll(' ', '-');
    const side = spoiledSide(folder, spoil);
    const fn = hot(side);
    // Never a source file the map cannot vouch for: the built file, relative to the checkout.
    expect(fn.functionLocation).toMatch(new RegExp(`^${folder}/hot-loop\\.js:\\d+$`));
    expect(fn.mapping).not.toBe('mapped');
    expect(side.warnings.filter((w) => w.file === `${folder}/hot-loop.js`)).toEqual([
      expect.objectContaining({ code }),
    ]);
    const locations = [
      ...side.functions.map((f) => f.functionLocation),
      ...side.flame.map((f) => f.location),
    ];
    expect(locations.filter((l) => l.includes('etc/') || l.startsWith('src/'))).toEqual([]);

    const explanation = explainCase(side, side, 0.01, 100);
    expect(explanation.frames).toEqual([]);
    expect(explanation.sourceMapWarnings.map((w) => w.code)).toContain(code);
    expect(explanation.flame.some((f) => f.location.startsWith(`${folder}/hot-loop.js:`))).toBe(
      true,
    );
    const document = documentWith(explanation);
    expect(formatCompareTable(document, false)).toContain(`warning ${code}:`);
    expect(renderComparePage(document)).toContain(`<code>${code}</code>`);
  });

  it('refuses a profile that is not one with a typed error, which compare reports per case', () => {
    const path = join(ws.dir, 'garbage.cpuprofile');
    writeFileSync(path, '{"nodes": "not a profile"}');
    expect(() => readSideProfile({ paths: [path], sliceNs: [1] }, ws.dir, new Map())).toThrow(
      expect.objectContaining({ code: 'CPU_PROFILE_INVALID' }),
    );
  });
});
