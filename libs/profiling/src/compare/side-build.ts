import { join } from 'node:path';
import { restoreBuild, storeBuild } from './build-cache.js';
import { runChild, type ChildOutcome } from './child-process.js';
import { CompareError } from './compare-error.js';
import type { WorkspacePackage } from './workspace-packages.js';

/** Runs a command for a side; the default starts a real child process. */
export type SideCommand = (
  command: string,
  args: readonly string[],
  cwd: string,
) => Promise<ChildOutcome>;

const runSideCommand: SideCommand = (command, args, cwd) => runChild(command, args, { cwd });

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function failure(
  code: 'COMPARE_BUILD_FAILED' | 'COMPARE_INSTALL_FAILED',
  what: string,
  outcome: ChildOutcome,
): CompareError {
  const tail = outcome.output.trim().split('\n').slice(-30).join('\n');
  const how = outcome.code === null ? `signal ${outcome.signal}` : `exit code ${outcome.code}`;
  return new CompareError(code, `${what} failed (${how}):\n${tail}`);
}

/**
 * Installs a side's packages from its own lockfile (`npm ci`), for a side whose lockfile differs
 * from the user's.
 * @throws {@link CompareError} `COMPARE_INSTALL_FAILED`
 */
export async function installSide(
  label: string,
  sideRoot: string,
  run: SideCommand = runSideCommand,
): Promise<void> {
  const outcome = await run(NPM, ['ci', '--no-audit', '--no-fund'], sideRoot);
  if (outcome.code !== 0)
    throw failure('COMPARE_INSTALL_FAILED', `npm ci of the ${label} side`, outcome);
}

/** What {@link buildSide} did per package. */
export interface SideBuildReport {
  built: string[];
  reused: string[];
}

/**
 * Builds the workspace packages a side's bench files load, dependencies first, each with its own
 * `build` script. A build whose inputs (see `buildKeys`) were built before — on the other side, or
 * in an earlier comparison — is copied from the cache instead.
 * @throws {@link CompareError} `COMPARE_BUILD_FAILED` with the tail of the build's output
 */
export async function buildSide(
  label: string,
  sideRoot: string,
  packages: readonly WorkspacePackage[],
  cache: { root: string; keys: ReadonlyMap<string, string> },
  run: SideCommand = runSideCommand,
): Promise<SideBuildReport> {
  const report: SideBuildReport = { built: [], reused: [] };
  for (const pkg of packages) {
    const dir = join(sideRoot, pkg.dir);
    const key = cache.keys.get(pkg.name);
    if (key && restoreBuild(cache.root, pkg, key, dir)) {
      report.reused.push(pkg.name);
      continue;
    }
    const outcome = await run(NPM, ['run', 'build'], dir);
    if (outcome.code !== 0)
      throw failure('COMPARE_BUILD_FAILED', `build of ${pkg.name} on the ${label} side`, outcome);
    if (key) storeBuild(cache.root, pkg, key, dir);
    report.built.push(pkg.name);
  }
  return report;
}
