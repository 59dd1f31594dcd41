import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  LEAST_UPPER_BOUND,
  originalPositionFor,
  sourceContentFor,
  type TraceMap,
} from '@jridgewell/trace-mapping';
import type {
  MappingStatus,
  SourcePosition,
  SourceMapWarning,
  SourceMapWarningCode,
} from '../results/profile-summary-schema.js';
import { nodeSourceFileSystem, type SourceFileSystem } from './source-file-system.js';
import { loadSourceMap } from './source-map-loader.js';
import { scriptPath } from './script-path.js';

/** Where a built position comes from: its source, or why it keeps its built location. */
export interface ResolvedPosition {
  /** `mapped` when `source` is set; otherwise why not. */
  readonly status: MappingStatus;
  /** The original position, relative to the resolver's root; only when `status` is `mapped`. */
  readonly source?: SourcePosition;
}

/**
 * Maps positions in built code (as V8's CPU profiler reports them) to the original sources
 * through the build's source maps, reading each built file and its map once. Positions it
 * cannot map safely — no map, a stale or malformed map, a source outside the root — keep their
 * built location and leave a warning (`SourceMapWarning`); it never throws for bad input.
 */
export interface SourceMapResolver {
  /** Absolute folder that source paths are relative to and must lie in. */
  readonly root: string;
  /**
   * The source of a position in a script. `url` is the script URL of a profile's call frame
   * (`file://…`, an absolute path, or a path relative to the root); `line` and `column` are
   * 0-based as in a call frame. A `column` below 0 means "the line's first mapped position".
   */
  resolve(url: string, line: number, column: number): ResolvedPosition;
  /** The warnings so far, one per built file and problem, in the order they arose. */
  warnings(): SourceMapWarning[];
}

/** Options of {@link createSourceMapResolver}. */
export interface SourceMapResolverOptions {
  /**
   * Folder that mapped source paths are shown relative to (usually the repository root). A
   * map whose source lies outside it is refused, so a map cannot point a user at any file.
   */
  root: string;
}

// esbuild writes a bundle and its map within moments of each other, in either order.
const WRITE_SLACK_MS = 1000;
const TYPESCRIPT_SOURCE = /\.[cm]?tsx?$/;

const CODE_OF: Record<
  Exclude<MappingStatus, 'mapped' | 'native' | 'source-file'>,
  SourceMapWarningCode
> = {
  unreadable: 'BUILT_FILE_UNREADABLE',
  'no-map': 'SOURCE_MAP_MISSING',
  'invalid-map': 'SOURCE_MAP_INVALID',
  stale: 'SOURCE_MAP_STALE',
  'outside-root': 'SOURCE_OUTSIDE_ROOT',
  'invalid-path': 'SOURCE_PATH_INVALID',
  'missing-source': 'SOURCE_MISSING',
  unmapped: 'POSITION_UNMAPPED',
};

type Failed = {
  readonly ok: false;
  readonly status: keyof typeof CODE_OF;
  readonly message: string;
};
type BuiltEntry =
  | Failed
  | { readonly ok: false; readonly status: 'source-file' }
  | {
      readonly ok: true;
      readonly map: TraceMap;
      readonly builtMs: number | undefined;
      readonly sources: Map<string, Failed | { readonly ok: true; readonly file: string }>;
    };

function namedSource(map: TraceMap, resolved: string): string {
  const index = map.resolvedSources.indexOf(resolved);
  return (index >= 0 ? map.sources[index] : undefined) ?? resolved;
}

function posixPath(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function insideRoot(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return posixPath(rel);
}

interface CachedBuilt {
  readonly builtMs: number | undefined;
  readonly entry: BuiltEntry;
}

/** Built files already read, kept across resolvers (by root and path). */
export type SourceMapCache = Map<string, CachedBuilt>;

/**
 * A {@link SourceMapResolver} over the given file reads (the functional core; tests pass an
 * in-memory or real file system). With a shared `cache`, a built file unchanged since an
 * earlier resolver read it is not read again.
 */
export function resolveSourceMapsWith(
  files: SourceFileSystem,
  options: SourceMapResolverOptions,
  cache: SourceMapCache = new Map(),
): SourceMapResolver {
  const root = resolve(options.root);
  const seen = new Set<string>();
  const warnings = new Map<string, SourceMapWarning>();
  const shown = (path: string) => insideRoot(root, path) ?? path;

  const warn = (status: keyof typeof CODE_OF, file: string, problem: string): void => {
    const code = CODE_OF[status];
    const key = `${code}\u0000${file}\u0000${problem}`;
    if (!warnings.has(key))
      warnings.set(key, {
        code,
        file,
        message: `${file}: ${problem}; its frames keep their built location`,
      });
  };

  const loadBuilt = (path: string): BuiltEntry => {
    const loaded = loadSourceMap(path, files);
    if (!loaded.ok) {
      if (loaded.status === 'no-map' && TYPESCRIPT_SOURCE.test(path))
        return { ok: false, status: 'source-file' };
      return { ok: false, status: loaded.status, message: loaded.message };
    }
    const builtMs = files.modifiedMs(path);
    const mapMs = loaded.inline ? undefined : files.modifiedMs(loaded.mapPath);
    if (builtMs !== undefined && mapMs !== undefined && mapMs + WRITE_SLACK_MS < builtMs)
      return {
        ok: false,
        status: 'stale',
        message: `its source map ${shown(loaded.mapPath)} is older than the file (rebuild with source maps)`,
      };
    return { ok: true, map: loaded.map, builtMs, sources: new Map() };
  };

  // A built file is read once for as long as its modification time holds; each resolver
  // still reports the problems of the files it was asked about.
  const builtEntry = (path: string): BuiltEntry => {
    const key = `${root}\u0000${path}`;
    let cached = cache.get(key);
    if (!seen.has(key)) {
      seen.add(key);
      const builtMs = files.modifiedMs(path);
      if (!cached || cached.builtMs !== builtMs) {
        cached = { builtMs, entry: loadBuilt(path) };
        cache.set(key, cached);
      }
      const { entry } = cached;
      if (!entry.ok && entry.status !== 'source-file')
        warn(entry.status, shown(path), entry.message);
      if (entry.ok)
        for (const check of entry.sources.values())
          if (!check.ok) warn(check.status, shown(path), check.message);
    }
    return (cached as CachedBuilt).entry;
  };

  const checkSource = (
    entry: Extract<BuiltEntry, { ok: true }>,
    source: string,
  ): Failed | { ok: true; file: string } => {
    if (source.includes('\u0000'))
      return {
        ok: false,
        status: 'invalid-path',
        message: 'its source map names a source path with a NUL byte',
      };
    if (!isAbsolute(source))
      return {
        ok: false,
        status: 'invalid-path',
        message: `its source map names ${source}, which is not a file path`,
      };
    const path = resolve(source);
    const file = insideRoot(root, path);
    if (file === undefined)
      return {
        ok: false,
        status: 'outside-root',
        // As the map names it: the message must not carry where the root is checked out.
        message: `its source map names ${namedSource(entry.map, source)}, which lies outside the source root`,
      };
    const text = files.readText(path);
    if (text === undefined)
      return {
        ok: false,
        status: 'missing-source',
        message: `its source map names ${file}, which cannot be read`,
      };
    const content = sourceContentFor(entry.map, source);
    if (typeof content === 'string') {
      if (content !== text)
        return {
          ok: false,
          status: 'stale',
          message: `${file} changed after the build (rebuild to map it)`,
        };
    } else {
      const sourceMs = files.modifiedMs(path);
      if (
        entry.builtMs !== undefined &&
        sourceMs !== undefined &&
        sourceMs > entry.builtMs + WRITE_SLACK_MS
      )
        return {
          ok: false,
          status: 'stale',
          message: `${file} is newer than the build (rebuild to map it)`,
        };
    }
    return { ok: true, file };
  };

  const sourceOf = (
    entry: Extract<BuiltEntry, { ok: true }>,
    source: string,
    builtShown: string,
  ) => {
    let check = entry.sources.get(source);
    if (!check) {
      check = checkSource(entry, source);
      entry.sources.set(source, check);
      if (!check.ok) warn(check.status, builtShown, check.message);
    }
    return check;
  };

  return {
    root,
    resolve(url, line, column) {
      const where = scriptPath(url, root);
      if (where.kind === 'native') return { status: 'native' };
      if (where.kind === 'invalid') {
        warn(
          'invalid-path',
          url.replaceAll('\u0000', '\\0'),
          `the script URL is unusable: ${where.reason}`,
        );
        return { status: 'invalid-path' };
      }
      const entry = builtEntry(where.path);
      if (!entry.ok) return { status: entry.status };
      const builtShown = shown(where.path);
      if (line < 0) return { status: 'unmapped' };
      let position;
      try {
        position =
          column >= 0 ? originalPositionFor(entry.map, { line: line + 1, column }) : undefined;
        if (!position?.source)
          position = originalPositionFor(entry.map, {
            line: line + 1,
            column: Math.max(0, column),
            bias: LEAST_UPPER_BOUND,
          });
      } catch (error) {
        warn(
          'invalid-map',
          builtShown,
          `its source map's mappings cannot be decoded (${(error as Error).message})`,
        );
        return { status: 'invalid-map' };
      }
      if (!position.source || position.line === null) {
        warn('unmapped', builtShown, 'its source map has no mapping for some of its lines');
        return { status: 'unmapped' };
      }
      const check = sourceOf(entry, position.source, builtShown);
      if (!check.ok) return { status: check.status };
      return {
        status: 'mapped',
        source: { file: check.file, line: position.line, column: position.column + 1 },
      };
    },
    warnings: () => [...warnings.values()],
  };
}

/**
 * {@link createSourceMapResolver} with a cache shared across resolvers, for a process that
 * summarizes many profiles of the same build.
 */
export function createCachedSourceMapResolver(
  options: SourceMapResolverOptions,
  cache: SourceMapCache,
): SourceMapResolver {
  let root: string;
  try {
    // V8 names scripts by their real paths, so the root is compared by its real path too.
    root = realpathSync(options.root);
  } catch {
    root = resolve(options.root);
  }
  return resolveSourceMapsWith(nodeSourceFileSystem, { ...options, root }, cache);
}

/**
 * Creates a {@link SourceMapResolver} over the real file system: it reads built files, their
 * source maps (a `sourceMappingURL` comment, inline or a file, else `<file>.map` beside it)
 * and the sources they name, each once.
 * @example
 * ```ts
 * const sourceMaps = createSourceMapResolver({ root: process.cwd() });
 * sourceMaps.resolve('file:///repo/libs/x/dist/index.js', 388, 10);
 * // { status: 'mapped', source: { file: 'libs/x/src/scan.ts', line: 42, column: 3 } }
 * ```
 */
export function createSourceMapResolver(options: SourceMapResolverOptions): SourceMapResolver {
  return createCachedSourceMapResolver(options, new Map());
}
