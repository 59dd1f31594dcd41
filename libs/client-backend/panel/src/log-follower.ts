import { EventSourceParserStream } from 'eventsource-parser/stream';
import { ApiRequestError, type PanelApi } from './api.js';
import type { ApiLogLine, RunRecord } from './api-types.js';

/** What a followed log reports. */
export interface LogFollowerHandlers {
  /** New lines, oldest first, never one seen before. */
  lines(lines: ApiLogLine[]): void;
  status(run: RunRecord): void;
  /** The run ended and every line was delivered. */
  complete(run: RunRecord): void;
  /** `live` while a stream is open, `reconnecting` between a dropped one and the next. */
  connection(state: 'live' | 'reconnecting'): void;
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 4_000;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Follows a run's SSE log over `fetch` (so the token travels in a header, never the URL) until
 * the run completes or `signal` aborts. A dropped connection is reopened with `Last-Event-ID` set
 * to the last line received, so the log resumes where it stopped, without gaps or repeats.
 * Refusals other than 401 (handled by the API client) end the follow with that error.
 */
export async function followRunLog(
  api: PanelApi,
  runId: string,
  afterSeq: number,
  handlers: LogFollowerHandlers,
  signal: AbortSignal,
): Promise<void> {
  let cursor = afterSeq;
  let retryMs = FIRST_RETRY_MS;
  while (!signal.aborted) {
    try {
      const response = await api.openLogStream(runId, cursor, signal);
      handlers.connection('live');
      const body = response.body;
      if (body === null) throw new Error('log stream has no body');
      const reader = body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { value: event, done } = await reader.read();
        if (done) break;
        retryMs = FIRST_RETRY_MS;
        if (event.event === 'log') {
          const line = JSON.parse(event.data) as ApiLogLine;
          if (line.seq <= cursor) continue;
          cursor = line.seq;
          handlers.lines([line]);
        } else if (event.event === 'status') {
          handlers.status(JSON.parse(event.data) as RunRecord);
        } else if (event.event === 'complete') {
          handlers.complete(JSON.parse(event.data) as RunRecord);
          await reader.cancel();
          return;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiRequestError) throw error;
    }
    // The stream ended without `complete`: the connection dropped. Try again after a while.
    handlers.connection('reconnecting');
    await pause(retryMs, signal);
    retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
  }
}
