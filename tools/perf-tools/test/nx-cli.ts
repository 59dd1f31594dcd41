// Runs the monorepo's Nx CLI in a throw-away workspace, as a user would run `nx` there.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Root of this monorepo. */
export const WORKSPACE = resolve(__dirname, '../../..');

function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, ...rest } = env;
  return rest;
}

/** Runs `nx <args>` in `root` without the daemon, the cache or Nx Cloud. */
export function runNx(root: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [join(WORKSPACE, 'node_modules/nx/bin/nx.js'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...withoutColour(process.env),
        // Plain text, so that tests can match the lines Nx prints.
        NO_COLOR: '1',
        NX_DAEMON: 'false',
        NX_TUI: 'false',
        NX_NO_CLOUD: 'true',
        NX_SKIP_NX_CACHE: 'true',
      },
      timeout: 120_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
