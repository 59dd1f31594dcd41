import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** One file of the built control panel page, held in memory. */
export interface PanelAsset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Content-hashed name: the bytes behind this URL never change. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Where the package build puts the page: `dist/panel`, beside the server's own bundle. */
export function panelDirectory(): string {
  return path.join(packageRoot(), 'dist', 'panel');
}

function asset(file: string, immutable: boolean): PanelAsset {
  const body = readFileSync(file);
  return {
    body,
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    immutable,
  };
}

/**
 * Reads the built page once: `index.html` for `/`, and each file of `assets/` (names carry a
 * content hash) under `/assets/<name>`. URLs are looked up in this map, so no request path ever
 * reaches the file system. Returns undefined when the page was not built.
 */
export function loadPanelAssets(directory: string): Map<string, PanelAsset> | undefined {
  let names: string[];
  try {
    names = readdirSync(path.join(directory, 'assets'));
  } catch {
    return undefined;
  }
  const assets = new Map<string, PanelAsset>();
  try {
    assets.set('/', asset(path.join(directory, 'index.html'), false));
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (CONTENT_TYPES[path.extname(name)] === undefined) continue;
    assets.set(`/assets/${name}`, asset(path.join(directory, 'assets', name), true));
  }
  return assets;
}
