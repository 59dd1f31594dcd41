import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFileSystem } from '../../src/source-map/source-file-system.js';
import {
  resolveSourceMapsWith,
  type SourceMapCache,
} from '../../src/source-map/source-map-resolver.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';
import { buildFixture, fixtureLines } from './source-mapped-profile.js';

// The resolver over an in-memory copy of a real esbuild build, so each test can change one
// file, one map field or one modification time.
let ws: TempWorkspace;
let built: { js: string; map: string; source: string };
const lines = fixtureLines();
const ROOT = '/repo';
const JS = '/repo/dist/hot-loop.js';

beforeAll(async () => {
  ws = createTempWorkspace();
  const file = await buildFixture(ws);
  built = {
    js: readFileSync(file, 'utf8'),
    map: readFileSync(`${file}.map`, 'utf8'),
    source: readFileSync(join(ws.dir, 'src', 'hot-loop.ts'), 'utf8'),
  };
});
afterAll(() => ws.dispose());

function memoryFiles(
  files: Record<string, string>,
  times: Record<string, number> = {},
): SourceFileSystem {
  return {
    readText: (path) => files[path],
    modifiedMs: (path) => (path in files ? (times[path] ?? 1_000_000) : undefined),
  };
}

function standardFiles(changes: Record<string, string> = {}): Record<string, string> {
  return {
    [JS]: built.js,
    [`${JS}.map`]: built.map,
    '/repo/src/hot-loop.ts': built.source,
    ...changes,
  };
}

// sumRoots starts on the built file's line holding `function sumRoots`.
function sumRootsLine(): number {
  return built.js.split('\n').findIndex((l) => l.startsWith('function sumRoots'));
}

describe('resolveSourceMapsWith', () => {
  it('maps a built position to its source line, relative to the root', () => {
    const resolver = resolveSourceMapsWith(memoryFiles(standardFiles()), { root: ROOT });
    const resolved = resolver.resolve(`file://${JS}`, sumRootsLine(), 0);
    expect(resolved.status).toBe('mapped');
    expect(resolved.source?.file).toBe('src/hot-loop.ts');
    expect(resolved.source?.line).toBe(lines.start);
    // A workspace-relative URL (as the report generator passes) maps the same.
    expect(resolver.resolve('dist/hot-loop.js', sumRootsLine(), 0)).toEqual(resolved);
    expect(resolver.warnings()).toEqual([]);
  });

  it('without sourcesContent, a source newer than the build is stale', () => {
    const map = JSON.parse(built.map) as Record<string, unknown>;
    delete map['sourcesContent'];
    const files = standardFiles({ [`${JS}.map`]: JSON.stringify(map) });
    const fresh = resolveSourceMapsWith(memoryFiles(files), { root: ROOT });
    expect(fresh.resolve(JS, sumRootsLine(), 0).status).toBe('mapped');
    const edited = resolveSourceMapsWith(
      memoryFiles(files, { '/repo/src/hot-loop.ts': 1_000_000 + 60_000 }),
      { root: ROOT },
    );
    expect(edited.resolve(JS, sumRootsLine(), 0)).toEqual({ status: 'stale' });
    expect(edited.warnings()[0]?.message).toContain('src/hot-loop.ts is newer than the build');
  });

  it('a source the map names but the disk lacks is not shown', () => {
    const files = standardFiles();
    delete files['/repo/src/hot-loop.ts'];
    const resolver = resolveSourceMapsWith(memoryFiles(files), { root: ROOT });
    expect(resolver.resolve(JS, sumRootsLine(), 0)).toEqual({ status: 'missing-source' });
    expect(resolver.warnings().map((w) => w.code)).toEqual(['SOURCE_MISSING']);
  });

  it('a source that is not a file path (webpack://) is refused', () => {
    const map = JSON.parse(built.map) as { sources: string[] };
    map.sources = ['webpack://app/src/hot-loop.ts'];
    const resolver = resolveSourceMapsWith(
      memoryFiles(standardFiles({ [`${JS}.map`]: JSON.stringify(map) })),
      { root: ROOT },
    );
    expect(resolver.resolve(JS, sumRootsLine(), 0)).toEqual({ status: 'invalid-path' });
    expect(resolver.warnings()[0]?.message).toContain('not a file path');
  });

  it('a built file that cannot be read, and a map with garbage mappings', () => {
    const resolver = resolveSourceMapsWith(
      memoryFiles(
        standardFiles({
          [`${JS}.map`]: JSON.stringify({ ...JSON.parse(built.map), mappings: '!!!' }),
        }),
      ),
      { root: ROOT },
    );
    expect(resolver.resolve('/repo/dist/gone.js', 3, 0)).toEqual({ status: 'unreadable' });
    const garbled = resolver.resolve(JS, sumRootsLine(), 0);
    expect(garbled.source).toBeUndefined();
    expect(['unmapped', 'invalid-map']).toContain(garbled.status);
    expect(resolver.warnings().map((w) => w.code)[0]).toBe('BUILT_FILE_UNREADABLE');
  });

  it('a TypeScript script run through a loader needs no map and raises no warning', () => {
    const resolver = resolveSourceMapsWith(memoryFiles(standardFiles()), { root: ROOT });
    expect(resolver.resolve('/repo/src/hot-loop.ts', 16, 0)).toEqual({ status: 'source-file' });
    expect(resolver.warnings()).toEqual([]);
  });

  it('reads each built file and map once, however many frames it maps', () => {
    const reads: string[] = [];
    const files = memoryFiles(standardFiles());
    const counting: SourceFileSystem = {
      readText: (path) => {
        reads.push(path);
        return files.readText(path);
      },
      modifiedMs: (path) => files.modifiedMs(path),
    };
    const resolver = resolveSourceMapsWith(counting, { root: ROOT });
    for (let i = 0; i < 5; i++) resolver.resolve(JS, sumRootsLine() + (i % 3), 0);
    expect(reads.sort()).toEqual([JS, `${JS}.map`, '/repo/src/hot-loop.ts'].sort());
  });

  it('shares what it read across resolvers until the built file changes, and each one warns', () => {
    const reads: string[] = [];
    const times: Record<string, number> = {};
    const files = memoryFiles(
      standardFiles({ '/repo/dist/plain.js': 'export const x = 1;\n' }),
      times,
    );
    const counting: SourceFileSystem = {
      readText: (path) => {
        reads.push(path);
        return files.readText(path);
      },
      modifiedMs: (path) => files.modifiedMs(path),
    };
    const cache: SourceMapCache = new Map();
    const first = resolveSourceMapsWith(counting, { root: ROOT }, cache);
    first.resolve(JS, sumRootsLine(), 0);
    first.resolve('/repo/dist/plain.js', 0, 0);
    const afterFirst = reads.length;
    const second = resolveSourceMapsWith(counting, { root: ROOT }, cache);
    expect(second.resolve(JS, sumRootsLine(), 0).status).toBe('mapped');
    expect(second.resolve('/repo/dist/plain.js', 0, 0)).toEqual({ status: 'no-map' });
    expect(reads.length).toBe(afterFirst);
    expect(second.warnings().map((w) => [w.code, w.file])).toEqual([
      ['SOURCE_MAP_MISSING', 'dist/plain.js'],
    ]);
    times[JS] = 2_000_000; // rebuilt
    resolveSourceMapsWith(counting, { root: ROOT }, cache).resolve(JS, sumRootsLine(), 0);
    expect(reads.slice(afterFirst)).toContain(JS);
  });
});
