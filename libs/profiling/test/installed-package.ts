import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_DIR, ROOT_NODE_MODULES } from './temp-workspace.js';

/** The built library: these tests exercise what a consumer installs, not the sources. */
export const DIST_DIR = join(PACKAGE_DIR, 'dist');

const RUNTIME_PACKAGES = [
  'zod',
  'tinyglobby',
  'fdir',
  'picomatch',
  'simple-statistics',
  '@jridgewell/trace-mapping',
  '@jridgewell/resolve-uri',
  '@jridgewell/sourcemap-codec',
  'mitata',
];

/**
 * Lays out `<dir>/node_modules` as `npm install @prismq/profiling` would: a real copy of the
 * package (package.json + dist) and its dependencies and peers, with tsx only when asked.
 */
export function installBuiltPackage(dir: string, options: { tsx: boolean }): void {
  if (!existsSync(join(DIST_DIR, 'index.js')))
    throw new Error(`${DIST_DIR} is missing: build @prismq/profiling first`);
  const target = join(dir, 'node_modules', '@prismq', 'profiling');
  mkdirSync(target, { recursive: true });
  cpSync(join(PACKAGE_DIR, 'package.json'), join(target, 'package.json'));
  cpSync(DIST_DIR, join(target, 'dist'), { recursive: true });
  const linked = options.tsx ? [...RUNTIME_PACKAGES, 'tsx'] : RUNTIME_PACKAGES;
  for (const name of linked) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT_NODE_MODULES, name), link, 'dir');
  }
}
