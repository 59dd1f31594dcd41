import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { bench, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { createServer, formatLogRecord } from '@prismq/client-backend';
import { BENCH_MODULES_FILE } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';
import { KeepAliveClient } from './http-client.js';

// The newest 100 lines of a finished run whose log holds 1,000,000 lines (~80 MB), through
// the whole server: the route reads the file from its end, so the cost is that of the tail,
// not of the log.

const LINES = 1_000_000;
const TEXT = 'INFO: processed item 1234 of 10000 (scores: 0.82, 0.44)';

describeCase('client-backend/logs/tail-100-of-1m', {
  inputSize: LINES,
  target: { metric: 'p50', op: '<', value: 5, unit: 'ms' },
});

/** Writes a finished run's log of `lines` records in the capture's own format. */
function writeLog(file: string, lines: number): void {
  const time = Date.parse('2026-01-01T00:00:00.000Z');
  const iso = new Date(time).toISOString();
  const fd = openSync(file, 'w');
  try {
    let batch = '';
    for (let seq = 1; seq <= lines; seq++) {
      batch += formatLogRecord(
        { seq, time, stream: 'stdout', level: 'info', text: `${TEXT} #${seq}`, truncated: false },
        iso,
      );
      if (batch.length >= 1 << 20) {
        writeSync(fd, batch);
        batch = '';
      }
    }
    writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
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
      const scratch = scratchFolder('log-tail');
      const server = await createServer({
        modulesFile: BENCH_MODULES_FILE,
        dataDir: scratch.dir,
        port: 0,
        logLevel: 'silent',
      });
      const client = new KeepAliveClient(await server.listen());
      try {
        const { runId } = await client.launch('instant', {});
        await waitUntilFinished(client, runId);
        writeLog(path.join(scratch.dir, 'runs', runId, 'run.log'), LINES);
        const url = `/api/runs/${runId}/logs?tail=100`;
        yield async () => {
          const response = await client.request('GET', url);
          if (response.status !== 200) throw new Error(`tail answered ${response.status}`);
          return response.body;
        };
      } finally {
        client.close();
        await server.close();
        scratch.remove();
      }
    });
  });
});
