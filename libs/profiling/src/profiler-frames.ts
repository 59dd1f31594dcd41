import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallFrame } from './cpu-profile-summary.js';

// The folder of this package's own code (dist/ when installed, src/ in the workspace): frames
// from it are the profiler measuring itself — the wrapper around a decorated method, the
// recorder of a timed call — not the code the user asked about.
const OWN_FOLDER = dirname(fileURLToPath(import.meta.url)) + sep;

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
