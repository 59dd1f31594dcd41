import { readLogLines } from './log-file.js';
import type { LogStreamSource } from './log-stream.js';
import type { OutputCapture } from './output-capture.js';
import type { RunManager } from './run-manager.js';

/**
 * Adapts one run of a {@link RunManager} to a {@link LogStreamSource}. A queued run has no
 * capture yet, so the line listener is attached once the run starts; a finished run is read
 * from its log file.
 */
export function runLogSource(manager: RunManager, runId: string): LogStreamSource {
  let capture: OutputCapture | undefined = manager.getCapture(runId);
  let lineListener: (() => void) | undefined;
  let detachLines: (() => void) | undefined;
  const attach = (): void => {
    capture ??= manager.getCapture(runId);
    if (capture !== undefined && lineListener !== undefined && detachLines === undefined) {
      detachLines = capture.subscribe(lineListener);
    }
  };
  return {
    readAfter(afterSeq, limit) {
      attach();
      if (capture !== undefined) return capture.readAfter(afterSeq, limit);
      if (manager.isActive(runId)) return Promise.resolve([]);
      return readLogLines(manager.logFile(runId), { afterSeq, limit });
    },
    onLines(listener) {
      lineListener = listener;
      attach();
      return () => detachLines?.();
    },
    onStatus(listener) {
      return manager.subscribe(runId, (run) => {
        attach();
        listener(run);
      });
    },
    current: () => manager.getRun(runId),
    isEnded() {
      attach();
      return capture !== undefined ? capture.isEnded : !manager.isActive(runId);
    },
  };
}
