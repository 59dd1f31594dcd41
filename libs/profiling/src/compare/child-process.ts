import { spawn, type ChildProcess } from 'node:child_process';

/** How a child process ended, with the tail of what it printed. */
export interface ChildOutcome {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last {@link OUTPUT_LIMIT} characters of stdout and stderr, interleaved. */
  output: string;
}

/** Output kept per child: enough for a build's error, bounded however chatty it is. */
const OUTPUT_LIMIT = 64 * 1024;

const live = new Set<ChildProcess>();

/** Starts a command and resolves when it ends; stdout and stderr are kept (bounded), not shown. */
export function runChild(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<ChildOutcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    let output = '';
    const keep = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.length > 2 * OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', (error) => {
      live.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      resolvePromise({ code, signal, output: output.slice(-OUTPUT_LIMIT) });
    });
  });
}

/** Ends every child {@link runChild} started that is still running (on Ctrl-C). */
export function stopChildren(): void {
  for (const child of live) child.kill('SIGTERM');
}
