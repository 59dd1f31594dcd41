import type { ServerResponse } from 'node:http';

/** One Server-Sent Event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string | number;
}

/** Formats an event; `data` must not hold newlines (JSON text never does). */
export function formatSseEvent(event: SseEvent): string {
  return event.id === undefined
    ? `event: ${event.event}\ndata: ${event.data}\n\n`
    : `event: ${event.event}\nid: ${event.id}\ndata: ${event.data}\n\n`;
}

/**
 * A small SSE writer straight on the Node response. A ready-made SSE plugin would queue
 * events in memory whenever the socket is slow; here `write` reports when the socket buffer
 * is full so the caller stops producing and waits for `drain`, which is what keeps a slow
 * client from growing the server's memory.
 */
export class SseWriter {
  private closed = false;
  private readonly closeWaiters = new Set<() => void>();

  constructor(private readonly response: ServerResponse) {
    response.once('close', () => {
      this.closed = true;
      for (const wake of this.closeWaiters) wake();
      this.closeWaiters.clear();
    });
  }

  /** Sends the headers; `extraHeaders` carries what hooks such as CORS already set. */
  open(extraHeaders: Record<string, string | number | string[]>): void {
    this.response.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.response.flushHeaders();
  }

  get isClosed(): boolean {
    return this.closed || this.response.destroyed;
  }

  /** Writes raw SSE text or its UTF-8 bytes; false when the caller should wait for {@link drained}. */
  write(text: string | Uint8Array): boolean {
    if (this.isClosed) return false;
    return this.response.write(text);
  }

  /** A keep-alive comment, ignored by clients. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /** Resolves when the socket can take more, or when the client went away. */
  drained(): Promise<void> {
    if (this.isClosed || !this.response.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.response.off('drain', wake);
        this.closeWaiters.delete(wake);
        resolve();
      };
      this.response.once('drain', wake);
      this.closeWaiters.add(wake);
    });
  }

  end(): void {
    if (!this.isClosed) this.response.end();
  }
}
