import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraceMap } from '@jridgewell/trace-mapping';
import { z } from 'zod';
import type { MappingStatus } from '../results/profile-summary-schema.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';
import type { SourceFileSystem } from './source-file-system.js';

/** A built file's source map, parsed. */
export interface LoadedSourceMap {
  readonly ok: true;
  readonly map: TraceMap;
  /** The map file, or the built file itself for an inline (`data:`) map. */
  readonly mapPath: string;
  /** Whether the map is inline in the built file. */
  readonly inline: boolean;
}

/** Why a built file has no usable source map. */
export interface SourceMapFailure {
  readonly ok: false;
  readonly status: Extract<MappingStatus, 'unreadable' | 'no-map' | 'invalid-map' | 'invalid-path'>;
  readonly message: string;
}

// What trace-mapping reads of a v3 map; other fields are dropped.
const SourceMapFileSchema = z.object({
  file: z.string().nullable().optional(),
  version: z.literal(3),
  sources: z.array(z.string().nullable()),
  mappings: z.string(),
  sourcesContent: z.array(z.string().nullable()).optional(),
  sourceRoot: z.string().optional(),
  names: z.array(z.string()).default([]),
  ignoreList: z.array(z.number().int()).optional(),
});

// The last `//# sourceMappingURL=` (or `/*# … */`) comment of a script is the one that counts.
const MAPPING_URL = /[/][/*][#@]\s*sourceMappingURL=([^\s'"*]+)/g;
const DATA_URL = /^data:application\/json(?:;charset=[\w-]+)?(;base64)?,(.*)$/i;

function mappingUrlOf(text: string): string | undefined {
  let last: string | undefined;
  for (const match of text.matchAll(MAPPING_URL)) last = match[1];
  return last;
}

function fail(status: SourceMapFailure['status'], message: string): SourceMapFailure {
  return { ok: false, status, message };
}

function parseMap(
  text: string,
  mapPath: string,
  inline: boolean,
): LoadedSourceMap | SourceMapFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(
      'invalid-map',
      `its source map ${mapPath} is not JSON (${(error as Error).message})`,
    );
  }
  const parsed = SourceMapFileSchema.safeParse(json);
  if (!parsed.success)
    return fail(
      'invalid-map',
      `its source map ${mapPath} is not a version 3 source map: ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  try {
    return { ok: true, map: new TraceMap(parsed.data, mapPath), mapPath, inline };
  } catch (error) {
    return fail(
      'invalid-map',
      `its source map ${mapPath} cannot be read (${(error as Error).message})`,
    );
  }
}

function inlineMap(builtPath: string, url: string): LoadedSourceMap | SourceMapFailure {
  const data = DATA_URL.exec(url);
  if (!data) return fail('invalid-map', 'its inline source map is not a JSON data URL');
  let text: string;
  try {
    const body = data[2] ?? '';
    text = data[1] ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  } catch (error) {
    return fail(
      'invalid-map',
      `its inline source map cannot be decoded (${(error as Error).message})`,
    );
  }
  return parseMap(text, builtPath, true);
}

function mapFilePath(builtPath: string, url: string): string | SourceMapFailure {
  let path: string;
  try {
    path = url.startsWith('file:') ? fileURLToPath(url) : decodeURIComponent(url);
  } catch (error) {
    return fail(
      'invalid-path',
      `its sourceMappingURL ${url} is not a path (${(error as Error).message})`,
    );
  }
  if (path.includes('\u0000'))
    return fail('invalid-path', 'its sourceMappingURL contains a NUL byte');
  return isAbsolute(path) ? path : resolve(dirname(builtPath), path);
}

/**
 * Finds and parses the source map of a built file: the one its `sourceMappingURL` comment
 * names (a file beside it, or an inline `data:` URL), else `<file>.map` beside it.
 */
export function loadSourceMap(
  builtPath: string,
  files: SourceFileSystem,
): LoadedSourceMap | SourceMapFailure {
  const text = files.readText(builtPath);
  if (text === undefined) return fail('unreadable', 'the built file cannot be read');
  const url = mappingUrlOf(text);
  if (url?.startsWith('data:')) return inlineMap(builtPath, url);
  const mapPath = url === undefined ? `${builtPath}.map` : mapFilePath(builtPath, url);
  if (typeof mapPath !== 'string') return mapPath;
  const mapText = files.readText(mapPath);
  if (mapText === undefined)
    return fail(
      'no-map',
      url === undefined
        ? 'it has no sourceMappingURL comment and no .map file beside it'
        : `its source map ${mapPath} (named by its sourceMappingURL comment) cannot be read`,
    );
  return parseMap(mapText, mapPath, false);
}
