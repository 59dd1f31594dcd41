import { spawn } from 'node:child_process';
import type { ProcessLauncher } from '../runs/process-group.js';

/**
 * Starts a module through the module guard (`dist/module-guard.js`) as the leader of a new
 * process group, with a pipe on the guard's stdin that this worker never writes nor closes:
 * when the worker dies the pipe closes and the guard kills the group, so no module outlives
 * its worker. The module's stdout and stderr are the guard's, straight to this worker.
 */
export function guardedLauncher(guardScript: string): ProcessLauncher {
  return (argv, options) => {
    if (argv[0] === undefined) throw new TypeError('argv must name a program to run');
    return spawn(process.execPath, [guardScript, ...argv], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  };
}
