import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { join } from 'node:path';
import type { GitCommand } from './git-checkout.js';
import type { WorkspacePackage } from './workspace-packages.js';

/** Builds kept per package: enough for a few branches, bounded however many commits are compared. */
const BUILDS_KEPT_PER_PACKAGE = 12;

/** Root files whose change can change any build. */
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json'];

/**
 * Identifies what a package's build depends on in a checkout: git's tree ids of its folder and of
 * every workspace package it depends on, and the shared root files. Git already hashed all
 * of it, so this costs one `git add` and a few lookups, and equal sources give equal keys on
 * whichever side and commit they appear.
 */
export function buildKeys(
  git: GitCommand,
  checkout: string,
  prefix: string,
  packages: readonly WorkspacePackage[],
): Map<string, string> {
  // The index of a throwaway worktree: staging everything makes new and changed files count.
  git(['add', '-A', '--', prefix || '.'], checkout);
  const tree = git(['write-tree'], checkout).trim();
  const id = (path: string): string => {
    try {
      return git(
        ['rev-parse', `${tree}:${join(prefix, path).split('\\').join('/')}`],
        checkout,
      ).trim();
    } catch {
      return 'absent';
    }
  };
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const shared = SHARED_INPUTS.map((file) => `${file}=${id(file)}`);
  const keys = new Map<string, string>();
  for (const pkg of packages) {
    const inputs = new Set<string>();
    const visit = (current: WorkspacePackage): void => {
      const entry = `${current.name}=${id(current.dir)}`;
      if (inputs.has(entry)) return;
      inputs.add(entry);
      for (const dependency of current.workspaceDependencies) {
        const found = byName.get(dependency);
        if (found) visit(found);
      }
    };
    visit(pkg);
    keys.set(
      pkg.name,
      createHash('sha256')
        .update([...shared, ...[...inputs].sort()].join('\n'))
        .digest('hex')
        .slice(0, 32),
    );
  }
  return keys;
}

function packageFolder(cacheRoot: string, pkg: WorkspacePackage): string {
  return join(cacheRoot, pkg.name.replace(/[^a-zA-Z0-9._-]+/g, '+'));
}

/** Puts a cached `dist` for `key` into the package folder; false when there is none. */
export function restoreBuild(
  cacheRoot: string,
  pkg: WorkspacePackage,
  key: string,
  packageDir: string,
): boolean {
  const cached = join(packageFolder(cacheRoot, pkg), key, 'dist');
  if (!existsSync(cached)) return false;
  rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
  cpSync(cached, join(packageDir, 'dist'), { recursive: true });
  const now = new Date();
  utimesSync(join(packageFolder(cacheRoot, pkg), key), now, now);
  return true;
}

/** Keeps a package's fresh `dist` under `key`, and drops the oldest builds beyond the limit. */
export function storeBuild(
  cacheRoot: string,
  pkg: WorkspacePackage,
  key: string,
  packageDir: string,
): void {
  const built = join(packageDir, 'dist');
  if (!existsSync(built)) return;
  const folder = packageFolder(cacheRoot, pkg);
  const temp = join(folder, `.${key}.${process.pid}.tmp`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  cpSync(built, join(temp, 'dist'), { recursive: true });
  rmSync(join(folder, key), { recursive: true, force: true });
  renameSync(temp, join(folder, key));
  const kept = readdirSync(folder)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, time: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of kept.slice(BUILDS_KEPT_PER_PACKAGE))
    rmSync(join(folder, old.name), { recursive: true, force: true });
}
