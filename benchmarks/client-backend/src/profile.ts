import { fileURLToPath } from 'node:url';
import { RunRecordSchema } from '@prismq/client-backend';
import type { LoadTestCase } from '@prismq/profiling';
import { formatVerdict, judgeLoadReport, readTargetsFile } from '@prismq/perf-tools';
import { BENCH_MODULES_FILE } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';
import { loadWithAutocannon, type LatencyResult } from './load/latency-load.js';
import { checkLogStream, type StreamCheck } from './load/log-stream-check.js';
import { workspaceRoot, writeLoadReport } from './load/load-report.js';
import { startServerProcess, type ServerProcess } from './load/server-process.js';

// Whole-system measurements of the control panel: the real `prismq-backend` process on
// 127.0.0.1 (never another interface), loaded by autocannon and by SSE clients in this
// process. Every scenario is bounded in count and time; `--quick` or PRISMQ_BENCH_QUICK=1
// shortens them. The report goes to reports/load/client-backend.json; its verdicts are those
// of the targets in benchmarks/targets.json, judged as the reports judge them.

const quick = process.argv.includes('--quick') || process.env.PRISMQ_BENCH_QUICK === '1';
const settings = {
  connections: 50,
  durationSeconds: quick ? 3 : 10,
  backgroundRuns: 10,
  backgroundLinesPerSecond: 1_000,
  sseLines: quick ? 200_000 : 1_000_000,
  concurrentRuns: 10,
  linesPerRun: 10_000,
};
const MB = 1024 * 1024;

function metric(name: string, value: number, unit: string) {
  return { name, value: Math.round(value * 1000) / 1000, unit };
}

function latencyMetrics(result: LatencyResult) {
  return [
    metric('p50', result.p50Ms, 'ms'),
    metric('p95', result.p95Ms, 'ms'),
    metric('p99', result.p99Ms, 'ms'),
    metric('max', result.maxMs, 'ms'),
    metric('requestsPerSecond', result.requestsPerSecond, 'req/s'),
    metric('requests', result.requests, 'count'),
    metric('errors', result.errors + result.non2xx, 'count'),
  ];
}

/** Polls the server's own RSS until stopped; resolves with the peak. */
function sampleRss(server: ServerProcess, everyMs: number): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, (await server.stats()).rssBytes);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function getModule(server: ServerProcess): Promise<LoadTestCase> {
  const id = 'client-backend/http/get-module';
  const result = await loadWithAutocannon(
    `${server.baseUrl}/api/modules/print-lines`,
    settings.connections,
    settings.durationSeconds,
  );
  return {
    id,
    description: 'GET /api/modules/:id at 50 connections, idle server',
    metrics: latencyMetrics(result),
    settings: {
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      route: '/api/modules/print-lines',
    },
  };
}

async function getModuleUnderLoad(server: ServerProcess): Promise<LoadTestCase> {
  const id = 'client-backend/http/get-module-under-load';
  const streams: Promise<StreamCheck>[] = [];
  const runIds: string[] = [];
  for (let i = 0; i < settings.backgroundRuns; i++) {
    const run = await server.client.launch('chatter', {
      rate: settings.backgroundLinesPerSecond,
      seconds: settings.durationSeconds + 3,
    });
    runIds.push(run.runId);
    streams.push(checkLogStream(server.baseUrl, run.runId, 'chatter'));
  }
  const cpuBefore = (await server.stats()).cpuMs;
  const wallStart = performance.now();
  const rss = sampleRss(server, 250);
  const result = await loadWithAutocannon(
    `${server.baseUrl}/api/modules/print-lines`,
    settings.connections,
    settings.durationSeconds,
  );
  const peakRss = await rss.stop();
  const cpuPercent =
    (((await server.stats()).cpuMs - cpuBefore) / (performance.now() - wallStart)) * 100;
  for (const runId of runIds) await server.client.request('DELETE', `/api/runs/${runId}`);
  const checks = await Promise.all(streams);
  const streamed = checks.reduce((sum, check) => sum + check.lines, 0);
  return {
    id,
    description:
      'GET /api/modules/:id at 50 connections while 10 runs print lines and 10 SSE clients stream them',
    metrics: [
      ...latencyMetrics(result),
      metric('linesStreamedToClients', streamed, 'lines'),
      metric('serverCpuPercent', cpuPercent, '%'),
      metric('serverRssPeak', peakRss / MB, 'MB'),
    ],
    settings: {
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      backgroundRuns: settings.backgroundRuns,
      backgroundLinesPerSecondPerRun: settings.backgroundLinesPerSecond,
    },
  };
}

/**
 * CPU under normal load: 10 runs each printing 1 000 lines/s to its own SSE client,
 * and a user's browser polling a module and the run list every 100 ms — no load generator.
 * The server's CPU time over the window, as a percent of one core.
 */
async function normalLoadCpu(server: ServerProcess): Promise<LoadTestCase> {
  const id = 'client-backend/cpu/normal-load';
  const windowSeconds = quick ? 2 : 5;
  const streams: Promise<StreamCheck>[] = [];
  const runIds: string[] = [];
  for (let i = 0; i < settings.backgroundRuns; i++) {
    const run = await server.client.launch('chatter', {
      rate: settings.backgroundLinesPerSecond,
      seconds: windowSeconds + 2,
    });
    runIds.push(run.runId);
    streams.push(checkLogStream(server.baseUrl, run.runId, 'chatter'));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuBefore = (await server.stats()).cpuMs;
  const wallStart = performance.now();
  let polls = 0;
  while (performance.now() - wallStart < windowSeconds * 1000) {
    await server.client.request('GET', '/api/modules/print-lines');
    await server.client.request('GET', '/api/runs?limit=20');
    polls += 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cpuPercent =
    (((await server.stats()).cpuMs - cpuBefore) / (performance.now() - wallStart)) * 100;
  for (const runId of runIds) await server.client.request('DELETE', `/api/runs/${runId}`);
  const checks = await Promise.all(streams);
  const streamed = checks.reduce((sum, check) => sum + check.lines, 0);
  return {
    id,
    description:
      '10 runs printing 1 000 lines/s each to their own SSE clients, plus a module and a run-list request every 100 ms; server CPU as a percent of one core',
    metrics: [
      metric('serverCpuPercent', cpuPercent, '%'),
      metric('linesStreamedToClients', streamed, 'lines'),
      metric('pollRounds', polls, 'count'),
    ],
    settings: {
      windowSeconds,
      backgroundRuns: settings.backgroundRuns,
      backgroundLinesPerSecondPerRun: settings.backgroundLinesPerSecond,
      pollIntervalMs: 100,
    },
  };
}

async function sseThroughput(server: ServerProcess): Promise<LoadTestCase> {
  const id = 'client-backend/logs/sse-throughput';
  const started = performance.now();
  const run = await server.client.launch('print-lines', {
    count: settings.sseLines,
    prefix: 'sse',
  });
  const check = await checkLogStream(server.baseUrl, run.runId, 'sse');
  const seconds = (performance.now() - started) / 1000;
  const linesPerSecond = check.lines / seconds;
  return {
    id,
    description:
      'One module printing numbered lines as fast as it can, one SSE client reading them, launch to complete event',
    metrics: [
      metric('linesPerSecond', linesPerSecond, 'lines/s'),
      metric('lines', check.lines, 'lines'),
      metric('seconds', seconds, 's'),
      metric('outOfSequence', check.outOfSequence, 'count'),
      metric('outOfOrder', check.outOfOrder, 'count'),
    ],
    settings: { lines: settings.sseLines, lineBytes: 52, completed: check.completed },
  };
}

async function concurrentRuns(server: ServerProcess): Promise<LoadTestCase[]> {
  const id = 'client-backend/memory/10-concurrent-runs';
  const rss = sampleRss(server, 50);
  const baseline = (await server.stats()).rssBytes;
  const started = performance.now();
  const checks = await Promise.all(
    Array.from({ length: settings.concurrentRuns }, async () => {
      const run = await server.client.launch('print-lines', {
        count: settings.linesPerRun,
        prefix: 'burst',
      });
      return checkLogStream(server.baseUrl, run.runId, 'burst');
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = await rss.stop();
  const expected = settings.linesPerRun + 1;
  const lost = checks.reduce(
    (sum, check) =>
      sum + Math.max(0, expected - check.lines) + (settings.linesPerRun - check.lastNumber),
    0,
  );
  const reordered = checks.reduce((sum, check) => sum + check.outOfOrder + check.outOfSequence, 0);
  const total = checks.reduce((sum, check) => sum + check.lines, 0);
  const allCompleted = checks.every((check) => check.completed);
  // Concurrent runs without degradation: how many ran side by side with every line
  // delivered, in order, to its client.
  const withoutLoss = lost === 0 && reordered === 0 && allCompleted ? settings.concurrentRuns : 0;
  return [
    {
      id,
      description:
        '10 runs at once, each printing 10 000 numbered lines, each streamed to its own SSE client; server RSS sampled every 50 ms',
      metrics: [
        metric('serverRssPeak', peak / MB, 'MB'),
        metric('serverRssBefore', baseline / MB, 'MB'),
        metric('linesLost', lost, 'lines'),
        metric('linesReordered', reordered, 'lines'),
        metric('linesDelivered', total, 'lines'),
        metric('linesPerSecond', total / seconds, 'lines/s'),
        metric('seconds', seconds, 's'),
        metric('concurrentRunsWithoutLoss', withoutLoss, 'count'),
      ],
      settings: {
        runs: settings.concurrentRuns,
        linesPerRun: settings.linesPerRun,
        allCompleted,
      },
    },
  ];
}

async function slowClient(server: ServerProcess): Promise<LoadTestCase> {
  const id = 'client-backend/memory/slow-sse-client';
  const rss = sampleRss(server, 50);
  const baseline = (await server.stats()).rssBytes;
  const run = await server.client.launch('print-lines', {
    count: settings.sseLines,
    prefix: 'stalled',
  });
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const streaming = checkLogStream(server.baseUrl, run.runId, 'stalled', { holdUntil: held });
  for (;;) {
    const state = await server.client.request('GET', `/api/runs/${run.runId}`);
    if (RunRecordSchema.parse(JSON.parse(state.body)).status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const peak = await rss.stop();
  release();
  const check = await streaming;
  const growthMb = (peak - baseline) / MB;
  return {
    id,
    description:
      'One SSE client that reads nothing while a module prints all its lines, then reads them all. RSS includes V8 heap headroom; the lib test "holds back instead of buffering" checks the bytes queued per stream stay about one batch',
    metrics: [
      metric('serverRssGrowth', growthMb, 'MB'),
      metric('serverRssPeak', peak / MB, 'MB'),
      metric('linesDelivered', check.lines, 'lines'),
      metric('outOfSequence', check.outOfSequence, 'count'),
      metric('outOfOrder', check.outOfOrder, 'count'),
    ],
    settings: {
      lines: settings.sseLines,
      logBytesApprox: settings.sseLines * 100,
      completed: check.completed,
    },
  };
}

async function main(): Promise<void> {
  const root = workspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
  // Read first, so that a bad targets file stops the profile before it measures anything.
  const targets = readTargetsFile(root);
  const scratch = scratchFolder('load');
  const server = await startServerProcess({
    modulesFile: BENCH_MODULES_FILE,
    dataDir: scratch.dir,
    maxConcurrent: 20,
  });
  const cases: LoadTestCase[] = [];
  try {
    console.log(`prismq-backend pid ${server.pid} at ${server.baseUrl}${quick ? ' (quick)' : ''}`);
    // The RSS target is about a server running 10 runs, not one whose heap has grown through
    // hundreds of thousands of requests first, so that scenario runs on the fresh server.
    cases.push(...(await concurrentRuns(server)));
    cases.push(await normalLoadCpu(server));
    cases.push(await getModule(server));
    cases.push(await getModuleUnderLoad(server));
    cases.push(await sseThroughput(server));
    cases.push(await slowClient(server));
  } finally {
    const code = await server.stop();
    if (code !== 0) console.error(`prismq-backend exited with ${code}`);
    scratch.remove();
  }
  for (const loadCase of cases) {
    console.log(`\n${loadCase.id}`);
    for (const m of loadCase.metrics)
      console.log(`  ${m.name.padEnd(24)} ${String(m.value).padStart(14)} ${m.unit}`);
  }
  const written = writeLoadReport(root, 'client-backend', quick, cases, new Date());
  console.log(`\n${judgeLoadReport(targets, written).map(formatVerdict).join('\n')}`);
  console.log(`\nload report written to ${written.file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
