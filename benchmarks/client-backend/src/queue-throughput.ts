import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadTestCase } from '@prismq/profiling';
import { BENCH_MODULES_FILE } from './bench-modules.js';
import { scratchFolder } from './bench-folder.js';
import { checkLogStream } from './load/log-stream-check.js';
import { workspaceRoot, writeLoadReport } from './load/load-report.js';
import { hasRedisServer, startRedisProcess, type RedisProcess } from './load/redis-process.js';
import { startServerProcess } from './load/server-process.js';
import { startWorkerProcess, type WorkerProcess } from './load/worker-process.js';

// Throughput of where runs execute, side by side in one run: in the server's own process
// tree, on one `prismq-backend worker`, on three — all on this machine, over a redis-server
// of its own on 127.0.0.1. Each mode gets the same runs and the same slots per executor;
// every run is followed by its own SSE client from launch to its `complete` event, and every
// line is checked for order and loss. Lines/s and runs/min are end to end: first launch to
// last `complete`. The report goes to reports/load/client-backend-queue.json.

const quick = process.argv.includes('--quick') || process.env.PRISMQ_BENCH_QUICK === '1';
const settings = {
  runs: quick ? 12 : 24,
  linesPerRun: quick ? 10_000 : 50_000,
  slotsPerExecutor: 4,
};

type Mode = { id: string; label: string; workers: number };
const MODES: Mode[] = [
  { id: 'in-process', label: 'in the server process', workers: 0 },
  { id: '1-worker', label: 'on 1 queue worker', workers: 1 },
  { id: '3-workers', label: 'on 3 queue workers', workers: 3 },
];

function metric(name: string, value: number, unit: string) {
  return { name, value: Math.round(value * 1000) / 1000, unit };
}

async function measure(mode: Mode, redis: RedisProcess): Promise<LoadTestCase> {
  const scratch = scratchFolder(`queue-${mode.id}`);
  const slots = settings.slotsPerExecutor * Math.max(1, mode.workers);
  const server = await startServerProcess({
    modulesFile: BENCH_MODULES_FILE,
    dataDir: path.join(scratch.dir, 'server'),
    maxConcurrent: mode.workers === 0 ? slots : 1_000,
    extraArgs: mode.workers === 0 ? [] : ['--queue', redis.url],
  });
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < mode.workers; i++)
      workers.push(
        await startWorkerProcess({
          queueUrl: redis.url,
          modulesFile: BENCH_MODULES_FILE,
          dataDir: path.join(scratch.dir, `worker-${i}`),
          concurrency: settings.slotsPerExecutor,
        }),
      );
    const started = performance.now();
    const checks = await Promise.all(
      Array.from({ length: settings.runs }, async () => {
        const run = await server.client.launch('print-lines', {
          count: settings.linesPerRun,
          prefix: 'queued',
        });
        return checkLogStream(server.baseUrl, run.runId, 'queued');
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const lines = checks.reduce((sum, check) => sum + check.lines, 0);
    const disorder = checks.reduce((sum, check) => sum + check.outOfOrder + check.outOfSequence, 0);
    const lost = checks.reduce((sum, check) => sum + (settings.linesPerRun - check.lastNumber), 0);
    return {
      id: `client-backend/queue/${mode.id}`,
      description: `${settings.runs} runs of ${settings.linesPerRun} numbered lines ${mode.label}, each followed by its own SSE client, launch to the last complete event`,
      metrics: [
        metric('linesPerSecond', lines / seconds, 'lines/s'),
        metric('runsPerMinute', (settings.runs / seconds) * 60, 'runs/min'),
        metric('seconds', seconds, 's'),
        metric('linesDelivered', lines, 'lines'),
        metric('linesLost', lost, 'lines'),
        metric('linesReordered', disorder, 'lines'),
      ],
      settings: {
        runs: settings.runs,
        linesPerRun: settings.linesPerRun,
        workers: mode.workers,
        slots,
        allCompleted: checks.every((check) => check.completed),
      },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await server.stop();
    scratch.remove();
  }
}

async function main(): Promise<void> {
  if (!hasRedisServer()) {
    console.log(
      'redis-server is not installed: the queue throughput suite is skipped (install the redis-server package to run it)',
    );
    return;
  }
  const root = workspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
  const redis = await startRedisProcess();
  const cases: LoadTestCase[] = [];
  try {
    for (const mode of MODES) cases.push(await measure(mode, redis));
  } finally {
    await redis.stop();
  }
  console.log('\nmode          lines/s     runs/min   seconds   lost  reordered');
  for (const loadCase of cases) {
    const value = (name: string): number =>
      loadCase.metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    console.log(
      `${loadCase.id.replace('client-backend/queue/', '').padEnd(12)} ${String(Math.round(value('linesPerSecond'))).padStart(9)} ${value('runsPerMinute').toFixed(1).padStart(10)} ${value('seconds').toFixed(2).padStart(9)} ${String(value('linesLost')).padStart(6)} ${String(value('linesReordered')).padStart(10)}`,
    );
  }
  const written = writeLoadReport(root, 'client-backend-queue', quick, cases, new Date());
  console.log(`\nload report written to ${written.file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
