import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a profile's script URL points: a file on disk, no file at all, or an unusable path. */
export type ScriptPath =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'native' }
  | { readonly kind: 'invalid'; readonly reason: string };

// `node:internal/…`, `wasm://…`, `evalmachine.<anonymous>`: code with no file to map.
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/**
 * The file a call frame's script URL names: `file://` URLs and absolute paths as they are,
 * other paths relative to `root` (profiles whose URLs were made workspace-relative). Pure.
 */
export function scriptPath(url: string, root: string): ScriptPath {
  if (url === '') return { kind: 'native' };
  if (url.includes('\u0000')) return { kind: 'invalid', reason: 'it contains a NUL byte' };
  if (url.startsWith('file:')) {
    try {
      const path = fileURLToPath(url);
      if (path.includes('\u0000')) return { kind: 'invalid', reason: 'it contains a NUL byte' };
      return { kind: 'file', path };
    } catch (error) {
      return { kind: 'invalid', reason: `it is not a file URL (${(error as Error).message})` };
    }
  }
  if (SCHEME.test(url) || url.includes('<')) return { kind: 'native' };
  return { kind: 'file', path: isAbsolute(url) ? url : resolve(root, url) };
}
