import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { queryGpus } from './gpu-inventory.js';
import type { BenchmarkEnvironment, BenchmarkGpu } from './result-schema.js';

/** Runs `git` with arguments in a folder and returns its stdout, or null when git fails. */
export type GitRunner = (args: readonly string[], cwd: string) => string | null;

/** The default {@link GitRunner}: the `git` executable, quiet on stderr. */
export const runGit: GitRunner = (args, cwd) => {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
};

/**
 * Describes the machine, the runtime and the source tree of a run. `gitCommit` and `gitDirty`
 * are null outside a git work tree. Like `git describe --dirty`, only changes to tracked files
 * make the tree dirty: untracked files (generated reports, scratch output) do not change what
 * the commit measures. `gpus` is present only where `nvidia-smi` lists GPUs.
 */
export function collectEnvironment(
  cwd: string,
  commandLine: readonly string[],
  git: GitRunner = runGit,
  gpus: () => BenchmarkGpu[] | undefined = queryGpus,
): BenchmarkEnvironment {
  const commit = git(['rev-parse', 'HEAD'], cwd)?.trim() || null;
  const status =
    commit === null ? null : git(['status', '--porcelain', '--untracked-files=no'], cwd);
  const cpus = os.cpus();
  const gpuList = gpus();
  return {
    os: `${os.type()} ${os.release()}`,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cpuCount: Math.max(1, cpus.length),
    totalMemoryBytes: os.totalmem(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    gitCommit: commit,
    gitDirty: status === null ? null : status.trim().length > 0,
    commandLine: [...commandLine],
    exposeGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    ...(gpuList ? { gpus: gpuList } : {}),
  };
}
