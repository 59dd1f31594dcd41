import { spawn, type ChildProcess } from 'node:child_process';

/** How a run's process is started; tests and benchmarks may pass their own. */
export type ProcessLauncher = (
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) => ChildProcess;

/**
 * Starts `argv` without a shell, as the leader of a new process group, so that cancelling a
 * run can signal the module and every process it started in one go.
 */
export const launchInProcessGroup: ProcessLauncher = (argv, options) => {
  const [program, ...args] = argv;
  if (program === undefined) throw new TypeError('argv must name a program to run');
  return spawn(program, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
};

/** Signals a whole process group; false when it is already gone. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
