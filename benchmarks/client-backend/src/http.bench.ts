import { bench, group, summary } from 'mitata';
import { describeCase } from '@prismq/profiling';
import { withBenchServer } from './bench-server.js';
import type { KeepAliveClient } from './http-client.js';

// Whole server on 127.0.0.1, one request per iteration over a kept-alive connection: the
// module lookup route, and a launch (POST → 202 with the run already `running`). The
// `instant` module is `true`, so what is timed is the server's launch path, not a module's
// start-up. Load at 50 connections is measured by src/profile.ts with autocannon.

describeCase('client-backend/run/launch', {
  target: { metric: 'p95', op: '<', value: 50, unit: 'ms' },
});
describeCase('client-backend/http/get-module', {
  target: { metric: 'p95', op: '<', value: 5, unit: 'ms' },
});

function withServer(
  measure: (client: KeepAliveClient) => () => Promise<unknown>,
): AsyncGenerator<() => Promise<unknown>> {
  return withBenchServer('http', { maxConcurrentRuns: 1_000, maxQueuedRuns: 100_000 }, (client) =>
    measure(client),
  );
}

summary(() => {
  group('client-backend/http', () => {
    bench('client-backend/http/get-module', async function* () {
      yield* withServer((client) => async () => {
        const response = await client.request('GET', '/api/modules/instant');
        if (response.status !== 200)
          throw new Error(`GET /api/modules/instant answered ${response.status}`);
        return response.body;
      });
    });
  });
  group('client-backend/run', () => {
    bench('client-backend/run/launch', async function* () {
      yield* withServer((client) => async () => {
        const run = await client.launch('instant', { max_results: 25 });
        if (run.status !== 'running')
          throw new Error(`launch gave status ${run.status}, not running`);
        return run;
      });
    });
  });
});
