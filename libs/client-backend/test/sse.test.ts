import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismqServer } from '../src/http/server.js';
import { openSse } from './sse-client.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';
import { waitFor } from './wait-for.js';

let server: PrismqServer;
let dataDir: string;
let baseUrl: string;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await startTestServer(dataDir, { bufferLines: 500, sseKeepAliveMs: 50 });
  baseUrl = await server.listen();
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function launch(moduleId: string, parameters: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/modules/${moduleId}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ parameters }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

function logSeqs(events: { event?: string | undefined; id?: string | undefined }[]): number[] {
  return events.filter((event) => event.event === 'log').map((event) => Number(event.id));
}

describe('SSE log stream over loopback HTTP', () => {
  it('streams every line with ids, status events and a final complete event', async () => {
    const runId = await launch('lines', { count: 2_000 });
    const stream = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream`);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    await stream.ended;
    const seqs = logSeqs(stream.events);
    expect(seqs).toEqual(Array.from({ length: 2_001 }, (_, i) => i + 1));
    expect(stream.events[0]?.event).toBe('status');
    const last = stream.events[stream.events.length - 1]!;
    expect(last.event).toBe('complete');
    expect(JSON.parse(last.data)).toMatchObject({ runId, status: 'completed', exitCode: 0 });
    const line = JSON.parse(stream.events.find((event) => event.id === '1')!.data);
    expect(line).toMatchObject({
      seq: 1,
      stream: 'stdout',
      level: 'info',
      text: 'line 1',
      truncated: false,
    });
  });

  it('resumes after a disconnect from Last-Event-ID, reaching into the file past the memory buffer', async () => {
    const runId = await launch('lines', { count: 3_000 });
    let seen = 0;
    let disconnect = (): void => undefined;
    const first = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream`, {}, (event) => {
      if (event.event === 'log' && ++seen === 100) disconnect();
    });
    disconnect = first.close;
    await first.ended;
    const received = logSeqs(first.events);
    const lastId = received[received.length - 1]!;
    expect(lastId).toBeGreaterThanOrEqual(100);
    expect(lastId).toBeLessThan(3_001);
    // Wait for the run to end so the 500-line buffer has long wrapped past lastId.
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${baseUrl}/api/runs/${runId}`)).json()) as { status: string })
            .status,
      )
      .toBe('completed');
    const second = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream`, {
      'last-event-id': String(lastId),
    });
    await second.ended;
    expect([...received, ...logSeqs(second.events)]).toEqual(
      Array.from({ length: 3_001 }, (_, i) => i + 1),
    );
  });

  it('holds back instead of buffering for a client that stops reading, then delivers everything in order', async () => {
    // The server side of the stream: how many bytes Node has queued for it in memory.
    let serverSide: ServerResponse | undefined;
    const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
      if (request.url?.endsWith('/logs/stream')) serverSide = response;
    };
    server.app.server.on('request', onRequest);
    const runId = await launch('lines', { count: 300_000, prefix: 'slowreader' });
    const stream = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream`);
    server.app.server.off('request', onRequest);
    stream.response.pause();
    let mostQueued = 0;
    await expect
      .poll(
        async () => {
          mostQueued = Math.max(mostQueued, serverSide?.writableLength ?? 0);
          const run = await (await fetch(`${baseUrl}/api/runs/${runId}`)).json();
          return (run as { status: string }).status;
        },
        { timeout: 15_000, interval: 20 },
      )
      .toBe('completed');
    // The pump has run into the full socket after the run ended and holds back for 'drain'.
    await waitFor(() => serverSide?.writableNeedDrain === true, {
      what: 'the stream holding back for the paused client',
    });
    mostQueued = Math.max(mostQueued, serverSide?.writableLength ?? 0);
    stream.response.resume();
    await stream.ended;
    const events = logSeqs(stream.events);
    expect(events).toEqual(Array.from({ length: 300_001 }, (_, i) => i + 1));
    // The stream is about 50 MB, far more than loopback socket buffers hold; with back-pressure
    // at most about one batch of 1 000 events waits in the server's memory.
    const streamBytes = stream.events.reduce((sum, event) => sum + event.data.length, 0);
    expect(streamBytes).toBeGreaterThan(30_000_000);
    expect(serverSide).toBeDefined();
    expect(mostQueued).toBeLessThan(1_000_000);
  });

  it('sends keep-alive comments while a run is quiet', async () => {
    const runId = await launch('sleeper', {});
    const stream = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream`);
    await expect.poll(() => stream.comments.length).toBeGreaterThanOrEqual(2);
    expect(stream.comments[0]?.trim()).toBe('keep-alive');
    await fetch(`${baseUrl}/api/runs/${runId}`, { method: 'DELETE' });
    await stream.ended;
    expect(JSON.parse(stream.events[stream.events.length - 1]!.data)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('streams a finished run from its file after the run left memory', async () => {
    const runId = await launch('lines', { count: 50 });
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${baseUrl}/api/runs/${runId}`)).json()) as { status: string })
            .status,
      )
      .toBe('completed');
    const stream = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream?lastEventId=45`);
    await stream.ended;
    expect(logSeqs(stream.events)).toEqual([46, 47, 48, 49, 50, 51]);
  });

  it('streams a finished run of several batches from its file, every line once and in order', async () => {
    const runId = await launch('lines', { count: 2_500 });
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${baseUrl}/api/runs/${runId}`)).json()) as { status: string })
            .status,
      )
      .toBe('completed');
    const stream = await openSse(`${baseUrl}/api/runs/${runId}/logs/stream?lastEventId=10`);
    await stream.ended;
    // 2 500 printed lines and the closing progress line, after the 10 the client had.
    expect(logSeqs(stream.events)).toEqual(Array.from({ length: 2_491 }, (_, i) => i + 11));
  });

  it('answers 400 for a malformed run id and 404 for an unknown one before streaming', async () => {
    expect((await fetch(`${baseUrl}/api/runs/not-a-uuid/logs/stream`)).status).toBe(400);
    expect(
      (await fetch(`${baseUrl}/api/runs/00000000-0000-4000-8000-000000000000/logs/stream`)).status,
    ).toBe(404);
  });
});
