import http from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One SSE connection over real HTTP, parsed with eventsource-parser. */
export interface SseConnection {
  events: EventSourceMessage[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  response: http.IncomingMessage;
  close: () => void;
}

/** Opens `url` as an event stream; `headers` may carry `Last-Event-ID`. */
export function openSse(
  url: string,
  headers: Record<string, string> = {},
  onEvent?: (event: EventSourceMessage) => void,
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { headers: { accept: 'text/event-stream', ...headers } },
      (response) => {
        const events: EventSourceMessage[] = [];
        const comments: string[] = [];
        const parser = createParser({
          onEvent: (event) => {
            events.push(event);
            onEvent?.(event);
          },
          onComment: (comment) => comments.push(comment),
        });
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => parser.feed(chunk));
        const ended = new Promise<void>((done) => response.on('end', done).on('close', done));
        resolve({ events, comments, ended, response, close: () => request.destroy() });
      },
    );
    request.on('error', reject);
  });
}
