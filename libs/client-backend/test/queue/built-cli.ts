import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built bin, as users run it (the test target builds first). */
export const BUILT_CLI = path.join(packageDir, 'dist', 'cli.js');

/** A `prismq-backend` process of the built package, with its output collected. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  /** Resolves once a line of stdout contains `text`. */
  waitForLine(text: string, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

export function spawnBuiltCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    pid: child.pid ?? -1,
    output: () => out,
    exited,
    waitForLine(text, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no line with ${JSON.stringify(text)} within ${timeoutMs} ms:\n${out}`),
            ),
          timeoutMs,
        );
        const check = (): void => {
          const line = out.split('\n').find((candidate) => candidate.includes(text));
          if (line !== undefined) {
            clearTimeout(timer);
            resolve(line);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(
              new Error(`exited with ${child.exitCode} before ${JSON.stringify(text)}:\n${out}`),
            );
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** Pids of live processes whose working folder is inside `dir` (a worker's run folders). */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd.startsWith(dir + path.sep) && existsSync(`/proc/${entry}`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
