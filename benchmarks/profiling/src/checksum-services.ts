import { profile, profileMemory, timed } from '@prismq/profiling';
import { checksum } from './checksum.js';

/** The same work as a plain method: the baseline. */
export class PlainService {
  checksum(text: string): number {
    return checksum(text);
  }
}

/** The same method under every decorator; with the mode off, each is a bit test and a call. */
export class FullyDecoratedService {
  @profile()
  @profileMemory()
  @timed()
  checksum(text: string): number {
    return checksum(text);
  }
}

/** `@timed` with its defaults: wall time only. */
export class TimedService {
  @timed()
  checksum(text: string): number {
    return checksum(text);
  }
}

/** `@timed` also measuring CPU time (`process.cpuUsage`, a system call). */
export class CpuTimedService {
  @timed({ cpuTime: true })
  checksum(text: string): number {
    return checksum(text);
  }
}
