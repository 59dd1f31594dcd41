import { basename, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallFrame } from './cpu-profile.js';

// The folder of this package's own code: frames from it are the profiler measuring itself —
// the wrapper around a decorated method, the recorder of a timed call — not the code the user
// asked about. Installed, every module is bundled into dist/; in the workspace this file sits
// in src/profilers/ and its siblings (decorators/, collector/) are one folder up.
const HERE = dirname(fileURLToPath(import.meta.url));
const OWN_FOLDER = (basename(HERE) === 'profilers' ? dirname(HERE) : HERE) + sep;

function framePath(url: string): string {
  if (!url.startsWith('file:')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** Whether a call frame belongs to @prismq/profiling itself; summaries leave such frames out. */
export function excludeProfilerFrames(frame: Pick<CallFrame, 'url'>): boolean {
  return frame.url !== '' && framePath(frame.url).startsWith(OWN_FOLDER);
}
