import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CompareError } from './compare-error.js';

/** Runs git in a folder and returns stdout; throws with git's message when it fails. */
export type GitCommand = (args: readonly string[], cwd: string, input?: string) => string;

/** The default {@link GitCommand}: the `git` executable. */
export const execGit: GitCommand = (args, cwd, input) => {
  try {
    return execFileSync('git', [...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (error as Error).message);
  }
};

/** The git work tree holding `cwd`. */
export function gitTopLevel(git: GitCommand, cwd: string): string {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (error) {
    throw new CompareError(
      'COMPARE_NOT_A_GIT_REPOSITORY',
      `${cwd} is not inside a git work tree: ${(error as Error).message}`,
    );
  }
}

/**
 * The full commit id a ref names.
 * @throws {@link CompareError} `COMPARE_BAD_REF` naming the option and the ref
 */
export function resolveCommit(git: GitCommand, repo: string, ref: string, option: string): string {
  try {
    return git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      repo,
    ).trim();
  } catch {
    throw new CompareError(
      'COMPARE_BAD_REF',
      `option ${option} (${JSON.stringify(ref)}) names no commit in ${repo}`,
    );
  }
}

/**
 * Whether the working tree differs from HEAD in a way a checkout of HEAD would not show:
 * changes to tracked files (staged or not) or new files git does not ignore.
 */
export function workingTreeChanges(
  git: GitCommand,
  repo: string,
): { diff: string; untracked: string[] } {
  const diff = git(['diff', '--binary', '--no-ext-diff', 'HEAD'], repo);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], repo)
    .split('\0')
    .filter((path) => path.length > 0);
  return { diff, untracked };
}

/**
 * Checks `commit` out into `dir` as a detached git worktree of `repo`. The user's own
 * work tree is not touched.
 * @throws {@link CompareError} `COMPARE_CHECKOUT_FAILED`
 */
export function addWorktree(git: GitCommand, repo: string, commit: string, dir: string): void {
  try {
    git(['worktree', 'add', '--detach', '--force', dir, commit], repo);
  } catch (error) {
    throw new CompareError(
      'COMPARE_CHECKOUT_FAILED',
      `could not check out ${commit} into ${dir}: ${(error as Error).message}`,
    );
  }
}

function copyEntry(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const stat = lstatSync(from, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stat.isFile()) copyFileSync(from, to);
}

/**
 * Brings the working tree's changes into a worktree checked out at HEAD: the diff of tracked
 * files is applied and new files are copied.
 * @throws {@link CompareError} `COMPARE_CHECKOUT_FAILED` when the diff does not apply
 */
export function applyWorkingTree(
  git: GitCommand,
  repo: string,
  dir: string,
  changes: { diff: string; untracked: string[] },
): void {
  if (changes.diff.length > 0) {
    try {
      git(['apply', '--binary', '--whitespace=nowarn', '-'], dir, changes.diff);
    } catch (error) {
      throw new CompareError(
        'COMPARE_CHECKOUT_FAILED',
        `the working tree's changes do not apply to a checkout of HEAD: ${(error as Error).message}`,
      );
    }
  }
  for (const path of changes.untracked) copyEntry(join(repo, path), join(dir, path));
}

/** Deletes worktrees made by {@link addWorktree} and lets git forget them. Never throws. */
export function removeWorktrees(git: GitCommand, repo: string, dirs: readonly string[]): void {
  for (const dir of dirs) {
    // Removing the folder does not follow the node_modules links into the user's tree.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  try {
    git(['worktree', 'prune'], repo);
  } catch {
    // Nothing left to do: a stale entry is pruned by git itself later.
  }
}
