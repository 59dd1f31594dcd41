import { signalProcessGroup } from './process-group.js';
import { isSameProcess } from '../store/process-identity.js';
import type { RunStore } from '../store/run-store.js';

/**
 * Ends the process groups of runs a previous server left running (it was killed, or crashed):
 * their modules would otherwise run on with nobody able to stop them. A group is only
 * signalled when its leader is still the very process that was recorded (same pid and same
 * start time), so a pid the system handed to another process since is never touched.
 * Returns the run ids whose groups were ended.
 */
export function endInterruptedGroups(
  store: RunStore,
  sameProcess: (pid: number, startTime: string | null) => boolean = isSameProcess,
): string[] {
  const ended: string[] = [];
  for (const group of store.interruptedProcessGroups()) {
    if (group.processStart === null || !sameProcess(group.pgid, group.processStart)) continue;
    if (signalProcessGroup(group.pgid, 'SIGKILL')) ended.push(group.runId);
  }
  return ended;
}
