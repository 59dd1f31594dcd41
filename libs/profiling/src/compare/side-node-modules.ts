import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Mirrors one node_modules folder of the user's workspace into a side: every installed package is
 * a link to the user's copy, except workspace packages (npm links them into the workspace), which
 * link to the side's own folder — so the side's bench files load the side's build of the
 * libraries, never the user's.
 */
function mirror(from: string, to: string, userRoot: string, sideRoot: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (existsSync(target) || lstatSync(target, { throwIfNoEntry: false })) continue;
    if (entry.isDirectory() && entry.name.startsWith('@')) {
      mirror(source, target, userRoot, sideRoot);
      continue;
    }
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(source);
      } catch {
        continue; // a dangling link in the user's tree
      }
      if (isInside(real, userRoot) && !real.split(sep).includes('node_modules')) {
        // A workspace package: the side's own copy, if the side has that package at all.
        const own = join(sideRoot, relative(userRoot, real));
        if (existsSync(own)) symlinkSync(own, target, 'dir');
        continue;
      }
    }
    symlinkSync(source, target, entry.isDirectory() || entry.isSymbolicLink() ? 'dir' : 'file');
  }
}

/**
 * Gives a side checked out at `sideRoot` the installed packages of the user's workspace at
 * `userRoot`: the root node_modules and those nested in workspace folders (`libs/x/node_modules`).
 * Only valid when both sides have the same lockfile.
 * @param workspaceDirs - workspace package folders, relative to the roots
 */
export function linkSideNodeModules(
  userRoot: string,
  sideRoot: string,
  workspaceDirs: readonly string[],
): void {
  for (const dir of ['', ...workspaceDirs]) {
    const from = join(userRoot, dir, 'node_modules');
    if (!existsSync(from) || !existsSync(join(sideRoot, dir))) continue;
    mirror(from, join(sideRoot, dir, 'node_modules'), userRoot, sideRoot);
  }
}

/** Whether both workspaces pin the same packages (identical package-lock.json, or neither has one). */
export function sameLockfile(userRoot: string, sideRoot: string): boolean {
  const read = (root: string): string | null => {
    const path = join(root, 'package-lock.json');
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  };
  return read(userRoot) === read(sideRoot);
}
