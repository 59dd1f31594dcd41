import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelApi } from './api.js';
import type { ResultFile, RunRecord } from './api-types.js';
import { formatBytes, formatDuration, formatTime } from './format.js';
import { RunLog } from './run-log.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
/** How often a running run's record (progress, duration) is read again. */
const POLL_MS = 1_000;

function isFinished(run: RunRecord): boolean {
  return FINISHED.has(run.status);
}

/** Milliseconds the run has taken, counting up while it runs. */
function elapsedMs(run: RunRecord, now: number): number | null {
  if (run.durationMs !== null) return run.durationMs;
  if (run.startedAt === null) return null;
  return Math.max(0, now - Date.parse(run.startedAt));
}

function Progress({ run }: { run: RunRecord }) {
  const { processed, total, percent } = run.progress;
  const text =
    total !== null
      ? `${processed} of ${total}${percent !== null ? ` (${Math.round(percent)} %)` : ''}`
      : processed > 0
        ? `${processed} processed`
        : 'no progress reported';
  const value = percent ?? (isFinished(run) && run.status === 'completed' ? 100 : undefined);
  return (
    <div class="progress">
      <label for="run-progress">Progress</label>
      <progress id="run-progress" max={100} value={value} aria-valuetext={text} />
      <span class="muted">{text}</span>
    </div>
  );
}

/**
 * Hands a file fetched with the token to the browser as a download: a plain link could not
 * carry the Authorization header.
 */
async function saveFile(fetchFile: () => Promise<Blob>, downloadName: string): Promise<void> {
  const blob = await fetchFile();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Results({
  api,
  runId,
  files,
  onError,
}: {
  api: PanelApi;
  runId: string;
  files: ResultFile[];
  onError: (message: string) => void;
}) {
  if (files.length === 0) return <p class="muted">No result files.</p>;
  return (
    <ul class="results">
      {files.map((file) => (
        <li key={file.name} data-file={file.name}>
          <span class="file-name">{file.name}</span>{' '}
          <span class="muted">{formatBytes(file.size)}</span>{' '}
          <button
            type="button"
            class="secondary save-result"
            aria-label={`Save ${file.name}`}
            onClick={() => {
              saveFile(
                () => api.resultFile(runId, file.name),
                file.name.slice(file.name.lastIndexOf('/') + 1),
              ).catch((failure: Error) => onError(failure.message));
            }}
          >
            Save
          </button>
        </li>
      ))}
    </ul>
  );
}

/** One run: its state, progress, duration, live log, cancel button and result files. */
export function RunView({
  api,
  runId,
  takeFocus,
  onChanged,
}: {
  api: PanelApi;
  runId: string;
  takeFocus: boolean;
  onChanged: () => void;
}) {
  const [run, setRun] = useState<RunRecord | undefined>();
  const [live, setLive] = useState<boolean | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);
  const [files, setFiles] = useState<ResultFile[] | undefined>();
  const [now, setNow] = useState(Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const lastStatus = useRef<string | undefined>(undefined);

  const update = (next: RunRecord): void => {
    setRun(next);
    if (lastStatus.current !== next.status) {
      lastStatus.current = next.status;
      onChanged();
    }
  };

  useEffect(() => {
    api.run(runId).then(
      (first) => {
        lastStatus.current = first.status;
        setRun(first);
        setLive(!isFinished(first));
      },
      (failure: Error) => setError(failure.message),
    );
  }, [api, runId]);

  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus, run !== undefined]);

  const finished = run !== undefined && isFinished(run);
  // While the run is active: re-read its record (progress) and tick the duration.
  useEffect(() => {
    if (run === undefined || finished) return;
    // One read at a time: a read waiting for the token prompt must not pile up more.
    let reading = false;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (reading) return;
      reading = true;
      api
        .run(runId)
        .then(update, () => undefined)
        .finally(() => (reading = false));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, runId, run === undefined, finished]);

  useEffect(() => {
    if (!finished) return;
    api.results(runId).then(
      (results) => setFiles(results.files),
      () => setFiles([]),
    );
  }, [api, runId, finished]);

  if (error !== undefined)
    return (
      <section class="run-view" aria-labelledby="run-heading">
        <h2 id="run-heading">Run</h2>
        <p class="error" role="alert">
          Could not load run {runId}: {error}
        </p>
      </section>
    );
  if (run === undefined || live === undefined)
    return (
      <section class="run-view" aria-label="Run">
        <p class="muted">Loading run…</p>
      </section>
    );

  const cancel = async (): Promise<void> => {
    setCancelling(true);
    setActionError(undefined);
    try {
      update(await api.cancel(runId));
    } catch (failure) {
      setActionError((failure as Error).message);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <section class="run-view" aria-labelledby="run-heading" data-run-id={run.runId}>
      <h2 id="run-heading" ref={heading} tabIndex={-1}>
        {run.moduleName} <span class="run-id">{run.runId.slice(0, 8)}</span>
      </h2>
      <p class="run-state" role="status">
        <span class={`badge status-${run.status}`} data-status={run.status}>
          {run.status}
        </span>
        {run.exitCode !== null && <span class="muted"> exit code {run.exitCode}</span>}
      </p>
      {run.errorMessage !== null && <p class="error">{run.errorMessage}</p>}
      <dl class="run-facts">
        <div>
          <dt>Started</dt>
          <dd>{formatTime(run.startedAt ?? run.createdAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd class="run-duration">{formatDuration(elapsedMs(run, now))}</dd>
        </div>
      </dl>
      <Progress run={run} />
      <div class="run-actions">
        {!finished && (
          <button type="button" class="danger" disabled={cancelling} onClick={() => void cancel()}>
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
        {run.status !== 'queued' && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              saveFile(() => api.logFile(runId), `run-${runId}.log`).catch((failure: Error) =>
                setActionError(failure.message),
              );
            }}
          >
            Save log file
          </button>
        )}
      </div>
      {actionError !== undefined && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      {Object.keys(run.parameters).length > 0 && (
        <details class="run-parameters">
          <summary>Parameters</summary>
          <dl>
            {Object.entries(run.parameters).map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <RunLog api={api} runId={runId} live={live} onRun={update} />
      {finished && (
        <section class="run-results" aria-labelledby="results-heading">
          <h3 id="results-heading">Result files</h3>
          {files === undefined ? (
            <p class="muted">Loading…</p>
          ) : (
            <Results api={api} runId={runId} files={files} onError={setActionError} />
          )}
        </section>
      )}
    </section>
  );
}
