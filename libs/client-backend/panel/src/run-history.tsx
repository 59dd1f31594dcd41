import { useEffect, useState } from 'preact/hooks';
import type { PanelApi } from './api.js';
import type { RunRecord } from './api-types.js';
import { formatDuration, formatTime } from './format.js';

const PAGE_SIZE = 20;
/** How often the history is read again on its own. */
const REFRESH_MS = 5_000;

/** Past and current runs, newest first, a page at a time; each row opens its run. */
export function RunHistory({
  api,
  version,
  currentRunId,
}: {
  api: PanelApi;
  version: number;
  currentRunId: string | undefined;
}) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ runs: RunRecord[]; total: number } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let stale = false;
    let reading = false;
    const load = (): void => {
      if (reading) return;
      reading = true;
      api
        .runs({ limit: PAGE_SIZE, offset })
        .then(
          (next) => {
            if (stale) return;
            setPage(next);
            setError(undefined);
          },
          (failure: Error) => !stale && setError(failure.message),
        )
        .finally(() => (reading = false));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stale = true;
      clearInterval(timer);
    };
  }, [api, offset, version]);

  return (
    <section class="history" aria-labelledby="history-heading">
      <h2 id="history-heading">Run history</h2>
      {error !== undefined && (
        <p class="error" role="alert">
          Could not load the history: {error}
        </p>
      )}
      {page === undefined && error === undefined && <p class="muted">Loading runs…</p>}
      {page !== undefined && page.total === 0 && <p class="muted">No runs yet.</p>}
      {page !== undefined && page.runs.length > 0 && (
        <div class="table-scroll" role="region" aria-labelledby="history-heading" tabIndex={0}>
          <table class="history-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Module</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {page.runs.map((run) => (
                <tr
                  key={run.runId}
                  data-run-id={run.runId}
                  aria-current={run.runId === currentRunId ? 'true' : undefined}
                >
                  <td>
                    <span class={`badge status-${run.status}`}>{run.status}</span>
                  </td>
                  <td>
                    <a href={`#/runs/${run.runId}`}>{run.moduleName}</a>
                  </td>
                  <td>{formatTime(run.startedAt ?? run.createdAt)}</td>
                  <td>{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page !== undefined && page.total > PAGE_SIZE && (
        <nav class="pager" aria-label="Run history pages">
          <button
            type="button"
            class="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Newer
          </button>
          <span>{`${offset + 1}–${Math.min(offset + PAGE_SIZE, page.total)} of ${page.total}`}</span>
          <button
            type="button"
            class="secondary"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
