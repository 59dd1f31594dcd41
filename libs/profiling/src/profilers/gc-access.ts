import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: (() => void) | undefined;

/**
 * A function that forces a full garbage collection: `globalThis.gc` under `--expose-gc`,
 * otherwise one obtained by turning the flag on at run time (V8 then exposes `gc` to new contexts).
 */
export function forceGc(): void {
  if (!cached) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') {
      cached = exposed;
    } else {
      setFlagsFromString('--expose-gc');
      cached = runInNewContext('gc') as () => void;
    }
  }
  cached();
}

/**
 * Forces a full garbage collection when the process allows it and says whether it did; some
 * embedders refuse `--expose-gc` at run time, and then heap figures after the call still hold
 * its garbage.
 */
export function tryForceGc(): boolean {
  try {
    forceGc();
    return true;
  } catch {
    return false;
  }
}
