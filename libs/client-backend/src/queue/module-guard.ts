// The process a queue worker starts in a module's place: it leads the run's process group,
// starts the module inside it and ends the whole group when its worker is gone. Node has no
// prctl(PR_SET_PDEATHSIG); the pipe on this process's stdin is the worker's instead: the
// kernel closes it when the worker dies, however it dies (kill -9 included).
import { spawn } from 'node:child_process';

const [program, ...args] = process.argv.slice(2);
if (program === undefined) {
  process.stderr.write('module guard: no program to run\n');
  process.exit(2);
}
const FORWARDED = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
// A signal to the group reaches the module directly and the guard stays to report how it
// ended. It also passes the signal on: one sent to the group just before the module was
// spawned would otherwise miss it. Handlers run after this script's first turn, when the
// module exists.
const forward = (signal: NodeJS.Signals): void => {
  child.kill(signal);
};
for (const signal of FORWARDED) process.on(signal, forward);

const endGroup = (): void => {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.exit(137);
  }
};
process.stdin.on('end', endGroup);
process.stdin.on('close', endGroup);
process.stdin.on('error', endGroup);
process.stdin.resume();

const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.once('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(
    `ERROR: cannot start ${program}: spawn ${program} ${error.code ?? 'failed'}\n`,
  );
  process.exit(127);
});
child.once('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  for (const forwarded of FORWARDED) process.off(forwarded, forward);
  process.kill(process.pid, signal);
});
