import path from 'node:path';
import { bench, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { openLogFile, OutputCapture } from '@prismq/client-backend';
import { withBenchServer } from './bench-server.js';
import type { KeepAliveClient } from './http-client.js';

// A finished run's log through the whole server: the newest 100 lines of a 1,000,000-line log
// (~80 MB), read from the file's end, so the cost is that of the tail, not of the log; and the
// SSE stream of 100 lines after a Last-Event-ID, formatted for the wire.

const LINES = 1_000_000;
const TEXT = 'INFO: processed item 1234 of 10000 (scores: 0.82, 0.44)';

describeCase('client-backend/logs/tail-100-of-1m', {
  inputSize: LINES,
  target: { metric: 'p50', op: '<', value: 5, unit: 'ms' },
});
describeCase('client-backend/logs/stream-100-of-10000', { inputSize: 100 });

/** Writes a finished run's log of `lines` lines, as the server's own capture writes it. */
function writeLog(file: string, lines: number): void {
  const time = Date.parse('2026-01-01T00:00:00.000Z');
  const capture = new OutputCapture({
    writer: openLogFile(file),
    filePath: file,
    bufferLines: 1,
    now: () => time,
  });
  let chunk = '';
  for (let seq = 1; seq <= lines; seq++) {
    chunk += `${TEXT} #${seq}\n`;
    if (chunk.length >= 1 << 20) {
      capture.write('stdout', chunk);
      chunk = '';
    }
  }
  capture.write('stdout', chunk);
  capture.end();
}

/** One GET per call, failing on anything but 200. */
function get(client: KeepAliveClient, url: string): () => Promise<string> {
  return async () => {
    const response = await client.request('GET', url);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return response.body;
  };
}

async function waitUntilFinished(client: KeepAliveClient, runId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await client.request('GET', `/api/runs/${runId}`);
    if (/"status":"(completed|failed)"/.test(body)) return;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish: ${body}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

summary(() => {
  group('client-backend/logs', () => {
    bench('client-backend/logs/tail-100-of-1m', async function* () {
      yield* withBenchServer('log-tail', {}, async (client, dataDir) => {
        const { runId } = await client.launch('instant', {});
        await waitUntilFinished(client, runId);
        writeLog(path.join(dataDir, 'runs', runId, 'run.log'), LINES);
        return get(client, `/api/runs/${runId}/logs?tail=100`);
      });
    });
    bench('client-backend/logs/stream-100-of-10000', async function* () {
      yield* withBenchServer('log-stream', {}, async (client) => {
        const { runId } = await client.launch('print-lines', { count: 10_000 });
        await waitUntilFinished(client, runId);
        // The run has ended, so the stream sends the 100 lines after 9,900, its end, and closes.
        return get(client, `/api/runs/${runId}/logs/stream?lastEventId=9900`);
      });
    });
  });
});
