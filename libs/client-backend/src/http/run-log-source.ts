import { readLogPage } from '../capture/log-file.js';
import type { LogLine } from '../capture/log-line.js';
import type { LogStreamSource } from './log-stream.js';
import type { OutputCapture } from '../capture/output-capture.js';
import type { RunManager } from '../runs/run-manager.js';

/**
 * Adapts one run of a {@link RunManager} to a {@link LogStreamSource}. A queued run has no
 * capture yet, so the line listener is attached once the run starts; a finished run is read
 * from its log file.
 */
export function runLogSource(manager: RunManager, runId: string): LogStreamSource {
  let capture: OutputCapture | undefined = manager.getCapture(runId);
  let lineListener: (() => void) | undefined;
  let detachLines: (() => void) | undefined;
  // Where the previous file page of a finished run ended, so the next page starts there.
  let fileCursor = { afterSeq: 0, offset: 0 };
  const attach = (): void => {
    capture ??= manager.getCapture(runId);
    if (capture !== undefined && lineListener !== undefined && detachLines === undefined) {
      detachLines = capture.subscribe(lineListener);
    }
  };
  const readFinished = async (afterSeq: number, limit: number): Promise<LogLine[]> => {
    const fromOffset = afterSeq === fileCursor.afterSeq ? fileCursor.offset : 0;
    const page = await readLogPage(manager.logFile(runId), { afterSeq, limit, fromOffset });
    const last = page.lines[page.lines.length - 1];
    if (last !== undefined) fileCursor = { afterSeq: last.seq, offset: page.nextOffset };
    return page.lines;
  };
  return {
    readAfter(afterSeq, limit) {
      attach();
      if (capture !== undefined) return capture.readAfter(afterSeq, limit);
      if (manager.isActive(runId)) return Promise.resolve([]);
      return readFinished(afterSeq, limit);
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
