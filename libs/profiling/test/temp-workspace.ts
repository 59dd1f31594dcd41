import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** libs/profiling */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The monorepo's node_modules, so bench files in a temp folder can import mitata. */
export const ROOT_NODE_MODULES = resolve(PACKAGE_DIR, '..', '..', 'node_modules');

/** A real temporary folder (outside any git tree) that is removed by `dispose()`. */
export interface TempWorkspace {
  dir: string;
  write(relative: string, content: string): string;
  dispose(): void;
}

/** Creates a temp folder; with `esm`, a package.json of type module and node_modules linked. */
export function createTempWorkspace(esm = false): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'prismq-profiling-'));
  if (esm) {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(ROOT_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  }
  return {
    dir,
    write(relative, content) {
      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
