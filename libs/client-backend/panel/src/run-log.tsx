import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelApi } from './api.js';
import type { RunRecord } from './api-types.js';
import { followRunLog } from './log-follower.js';
import { LogRenderer } from './log-renderer.js';

/** Lines shown at first when opening a run that is already running. */
const OPENING_TAIL = 500;
/** Lines per page of a finished run's log file. */
const FILE_PAGE = 500;

type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'file';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'connection lost, reconnecting…',
  ended: 'run ended',
  file: 'from the log file',
};

/**
 * A run's log. A run that has not finished is followed live over SSE (resuming after dropped
 * connections); a finished run is read from its log file page by page.
 */
export function RunLog({
  api,
  runId,
  live,
  onRun,
}: {
  api: PanelApi;
  runId: string;
  live: boolean;
  onRun: (run: RunRecord) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const renderer = useRef<LogRenderer | undefined>(undefined);
  const onRunRef = useRef(onRun);
  onRunRef.current = onRun;
  const [follow, setFollow] = useState(true);
  const [shown, setShown] = useState({ count: 0, dropped: 0 });
  const [skipped, setSkipped] = useState(0);
  const [connection, setConnection] = useState<Connection>(live ? 'connecting' : 'file');
  const [filePage, setFilePage] = useState<{ lastSeq: number; total: number } | undefined>();
  const [loadingPage, setLoadingPage] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const readPage = async (afterSeq: number): Promise<void> => {
    const output = renderer.current;
    if (output === undefined) return;
    setLoadingPage(true);
    try {
      const page = await api.logs(runId, { afterSeq, tail: FILE_PAGE });
      output.append(page.lines);
      setFilePage({ lastSeq: page.lines.at(-1)?.seq ?? afterSeq, total: page.totalLines });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoadingPage(false);
    }
  };

  useEffect(() => {
    if (list.current === null || scroller.current === null) return;
    const output = new LogRenderer(list.current, scroller.current, setShown);
    // A finished run's file is read from the top; only a live log keeps to its newest line.
    output.follow = live;
    renderer.current = output;
    const abort = new AbortController();
    if (live) {
      const follow = async (): Promise<void> => {
        // Start from the newest lines so a long-running run does not replay its whole past.
        const opening = await api.logs(runId, { tail: OPENING_TAIL });
        output.append(opening.lines);
        setSkipped((opening.lines[0]?.seq ?? 1) - 1);
        await followRunLog(
          api,
          runId,
          opening.lines.at(-1)?.seq ?? 0,
          {
            lines: (lines) => output.append(lines),
            status: (run) => onRunRef.current(run),
            complete: (run) => {
              setConnection('ended');
              onRunRef.current(run);
            },
            connection: setConnection,
          },
          abort.signal,
        );
      };
      follow().catch((failure: Error) => {
        if (!abort.signal.aborted) setError(failure.message);
      });
    } else {
      void readPage(0);
    }
    return () => {
      abort.abort();
      output.dispose();
    };
  }, [api, runId, live]);

  const toggleFollow = (): void => {
    const next = !follow;
    setFollow(next);
    if (renderer.current !== undefined) {
      renderer.current.follow = next;
      if (next) renderer.current.scrollToEnd();
    }
  };

  const hidden = skipped + shown.dropped;
  return (
    <section class="run-log" aria-labelledby="log-heading">
      <div class="log-toolbar">
        <h3 id="log-heading">Log</h3>
        <span class={`connection connection-${connection}`} data-connection={connection}>
          {CONNECTION_TEXT[connection]}
        </span>
        {live && (
          <button type="button" class="secondary" onClick={toggleFollow}>
            {follow ? 'Pause auto-scroll' : 'Resume auto-scroll'}
          </button>
        )}
      </div>
      {error !== undefined && (
        <p class="error" role="alert">
          Log unavailable: {error}
        </p>
      )}
      {hidden > 0 && (
        <p class="muted">{`${hidden} earlier line${hidden === 1 ? '' : 's'} not shown.`}</p>
      )}
      <div
        ref={scroller}
        class="log-scroller"
        tabIndex={0}
        role="log"
        aria-label="Log output"
        aria-live="off"
      >
        <ol ref={list} class="log" />
        {shown.count === 0 && <p class="muted log-empty">No output yet.</p>}
      </div>
      {filePage !== undefined && (
        <p class="log-paging">
          <span>{`Lines ${Math.min(1, filePage.lastSeq)}–${filePage.lastSeq} of ${filePage.total}`}</span>
          {filePage.lastSeq < filePage.total && (
            <button
              type="button"
              class="secondary"
              disabled={loadingPage}
              onClick={() => void readPage(filePage.lastSeq)}
            >
              {`Show the next ${Math.min(FILE_PAGE, filePage.total - filePage.lastSeq)} lines`}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
