import http from 'node:http';

/** What one SSE client saw of a run's log. */
export interface StreamCheck {
  /** `log` events received. */
  lines: number;
  /** Events whose id was not the previous id + 1. */
  outOfSequence: number;
  /** stdout lines `<prefix> <n> …` whose n was not the previous n + 1. */
  outOfOrder: number;
  /** Highest `<n>` seen in `<prefix> <n>` lines. */
  lastNumber: number;
  /** ms from connecting to the `complete` event. */
  elapsedMs: number;
  completed: boolean;
}

/**
 * Reads a run's SSE stream to the end and checks it on the fly: ids consecutive from 1, and
 * the numbered lines of `prefix` in order. It scans the raw text rather than using a full
 * SSE parser so that the client, not the server, is never what limits the lines/s measured.
 */
export function checkLogStream(
  baseUrl: string,
  runId: string,
  prefix: string,
  options: { holdUntil?: Promise<void> } = {},
): Promise<StreamCheck> {
  const started = performance.now();
  const marker = `"text":"${prefix} `;
  return new Promise((resolve, reject) => {
    const result: StreamCheck = {
      lines: 0,
      outOfSequence: 0,
      outOfOrder: 0,
      lastNumber: 0,
      elapsedMs: 0,
      completed: false,
    };
    let lastId = 0;
    let pending = '';
    const request = http.get(`${baseUrl}/api/runs/${runId}/logs/stream`, (response) => {
      response.setEncoding('utf8');
      // A held client reads nothing, like a stalled browser tab, until the promise settles.
      if (options.holdUntil !== undefined) {
        response.pause();
        void options.holdUntil.then(() => response.resume());
      }
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end = pending.indexOf('\n\n');
        let start = 0;
        while (end !== -1) {
          const event = pending.slice(start, end);
          start = end + 2;
          end = pending.indexOf('\n\n', start);
          if (event.startsWith('event: log\nid: ')) {
            result.lines++;
            const id = Number(event.slice(15, event.indexOf('\n', 15)));
            if (id !== lastId + 1) result.outOfSequence++;
            lastId = id;
            const at = event.indexOf(marker);
            if (at !== -1) {
              const from = at + marker.length;
              const n = Number(event.slice(from, event.indexOf(' ', from)));
              if (n !== result.lastNumber + 1) result.outOfOrder++;
              result.lastNumber = Math.max(result.lastNumber, n);
            }
          } else if (event.startsWith('event: complete')) {
            result.completed = true;
          }
        }
        pending = pending.slice(start);
      });
      response.on('end', () => {
        result.elapsedMs = performance.now() - started;
        resolve(result);
      });
    });
    request.on('error', reject);
  });
}
