import { readFileSync } from 'node:fs';

/**
 * A process's start time as the kernel counts it (clock ticks since boot, field 22 of
 * `/proc/<pid>/stat`). Together with the pid it names one process for good: a pid the kernel
 * hands out again belongs to a process with another start time. `undefined` when the process
 * does not exist or the system has no `/proc`.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** Whether a process with this pid exists (it may belong to another user). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is still the process that was recorded with `startTime`. Without a recorded
 * start time (a system without `/proc`) only the pid can be checked.
 */
export function isSameProcess(pid: number, startTime: string | null | undefined): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (startTime === null || startTime === undefined) return pidExists(pid);
  return processStartTime(pid) === startTime;
}
