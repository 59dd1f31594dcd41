import { hostname } from 'node:os';
import path from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { formatValidationIssue } from '../registry/validation-issue.js';
import { moduleProcessExecutor } from '../runs/module-process.js';
import type { RunExecution } from '../runs/run-executor.js';
import { PACKAGE_VERSION } from '../version.js';
import { guardedLauncher } from './guarded-launcher.js';
import { QueueError, QueueProtocolMismatchError } from './queue-errors.js';
import {
  CANCEL_CHANNEL,
  JobVersionSchema,
  QUEUE_NAME,
  QUEUE_PROTOCOL_VERSION,
  RunJobSchema,
  cancelKey,
} from './queue-protocol.js';
import type { QueueUrl } from './queue-url.js';
import { redisOptions } from './redis-connection.js';
import { RunStreamWriter } from './run-stream-writer.js';

/** What a queue worker needs. */
export interface QueueWorkerSettings {
  url: QueueUrl;
  concurrency: number;
  registry: ModuleRegistry;
  runsDir: string;
  lockDurationMs: number;
  bufferLines: number;
  /** `dist/module-guard.js`, which starts each module. */
  guardScript: string;
  /** Environment modules' environments are picked from. */
  env: NodeJS.ProcessEnv;
  log: (level: 'error' | 'warn' | 'info' | 'debug', message: string, details?: object) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** `host:pid`, as runs record it. */
  readonly name: string;
  /** Takes no more runs, waits for the running ones to end (or `timeoutMs`), disconnects. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * Takes runs off the queue, `concurrency` at a time, and executes each with the same
 * executor the server uses in-process (the module in its own process group, here through
 * the module guard), writing the run's start, lines and end to its Redis stream. A cancel
 * arrives on a channel (and as a key, for one sent before the run was taken). A job of
 * another protocol version, of a module this worker does not know, or a retried job of a
 * module that is not retry-safe fails with a typed error, which the server shows as the
 * run's error.
 */
export async function startQueueWorker(settings: QueueWorkerSettings): Promise<QueueWorker> {
  const name = `${hostname()}:${process.pid}`;
  const commands = new Redis(redisOptions(settings.url, 'command'));
  const subscriber = new Redis(redisOptions(settings.url, 'blocking'));
  for (const connection of [commands, subscriber])
    connection.on('error', (error: Error) =>
      settings.log('warn', 'redis connection trouble', { error: error.message }),
    );
  try {
    await commands.connect();
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw new QueueError(
      'QUEUE_REDIS_LOST',
      `cannot reach Redis at ${settings.url.display}: ${(error as Error).message}`,
    );
  }
  const executor = moduleProcessExecutor({
    runsDir: settings.runsDir,
    launch: guardedLauncher(settings.guardScript),
    bufferLines: settings.bufferLines,
    serverEnv: settings.env,
    secrets: undefined,
  });
  const local = new Map<string, RunExecution>();
  const applyCancel = (runId: string, signal: string | null): void => {
    const execution = local.get(runId);
    if (execution === undefined || signal === null) return;
    if (signal === 'KILL') execution.kill();
    else execution.stop();
  };
  await subscriber.subscribe(CANCEL_CHANNEL);
  subscriber.on('message', (_channel: string, message: string) => {
    const [runId = '', signal = ''] = message.split(' ');
    applyCancel(runId, signal);
  });
  // A cancel published while this worker was cut off from Redis is still in its key.
  const cancelPoll = setInterval(() => {
    for (const runId of local.keys())
      commands
        .get(cancelKey(runId))
        .then((signal) => applyCancel(runId, signal))
        .catch(() => undefined);
  }, settings.lockDurationMs / 2);
  cancelPoll.unref();

  const processRun = async (job: Job): Promise<string> => {
    const version = JobVersionSchema.safeParse(job.data);
    const jobVersion = version.success ? version.data.protocolVersion : undefined;
    if (jobVersion !== QUEUE_PROTOCOL_VERSION)
      throw new QueueProtocolMismatchError(jobVersion, QUEUE_PROTOCOL_VERSION, PACKAGE_VERSION);
    const parsed = RunJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new QueueError(
        'QUEUE_JOB_INVALID',
        `job ${job.id ?? '?'} is not a run: ${parsed.error.issues.map((issue) => formatValidationIssue(issue, '(job)')).join('; ')}`,
      );
    const run = parsed.data;
    const attempt = Math.max(1, job.attemptsStarted);
    if (attempt > 1 && !run.retrySafe)
      throw new UnrecoverableError(
        `not started again: module ${run.moduleId} is not retrySafe and its previous worker was lost`,
      );
    const module = settings.registry.get(run.moduleId);
    if (module === undefined)
      throw new QueueError(
        'QUEUE_MODULE_UNKNOWN',
        `module ${run.moduleId} is not in the registry of worker ${name}`,
      );
    let execution: RunExecution | undefined;
    const writer = new RunStreamWriter(
      commands,
      run.runId,
      attempt,
      settings.lockDurationMs,
      (error) => {
        settings.log('warn', 'run taken from this worker; killing its module', {
          runId: run.runId,
          reason: error.message,
        });
        execution?.kill();
      },
    );
    if ((await commands.get(cancelKey(run.runId))) !== null) {
      await writer.finish(undefined, {
        status: 'failed',
        exitCode: null,
        errorMessage: 'cancelled before it started',
      });
      return 'cancelled';
    }
    await writer.started(name);
    let reportEnd: (end: {
      status: 'completed' | 'failed';
      exitCode: number | null;
      errorMessage: string | null;
    }) => void = () => undefined;
    const ended = new Promise<Parameters<typeof reportEnd>[0]>((resolve) => (reportEnd = resolve));
    try {
      execution = executor.start(
        {
          runId: run.runId,
          module,
          launch: {
            argv: [...module.command, ...run.args],
            writePaths: run.writePaths,
            recordedParameters: {},
            configToSave: {},
          },
        },
        { started: () => undefined, progress: () => undefined, ended: (end) => reportEnd(end) },
      );
    } catch (error) {
      await writer.finish(undefined, {
        status: 'failed',
        exitCode: null,
        errorMessage: (error as Error).message,
      });
      return 'failed';
    }
    local.set(run.runId, execution);
    settings.log('info', 'run started', { runId: run.runId, moduleId: run.moduleId, attempt });
    writer.follow(execution.capture);
    applyCancel(run.runId, await commands.get(cancelKey(run.runId)).catch(() => null));
    const end = await ended;
    execution.capture.end();
    local.delete(run.runId);
    await writer.finish(execution.capture, end);
    settings.log('info', 'run ended', { runId: run.runId, status: end.status });
    if (writer.lostReason !== undefined) throw writer.lostReason;
    return end.status;
  };

  const worker = new Worker(QUEUE_NAME, processRun, {
    connection: redisOptions(settings.url, 'blocking'),
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    // Checked twice per lock duration, a lost worker's job is found stalled within about
    // 1.5 lock durations of the worker's last renewal; once retried, a second loss fails it.
    stalledInterval: Math.max(500, Math.floor(settings.lockDurationMs / 2)),
    maxStalledCount: 1,
    name,
  });
  worker.on('error', (error) => settings.log('warn', 'worker trouble', { error: error.message }));
  worker.on('failed', (job, error) =>
    settings.log('warn', 'job failed', { runId: job?.id, error: error.message }),
  );
  await worker.waitUntilReady();
  return {
    name,
    async close(timeoutMs) {
      clearInterval(cancelPoll);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        worker.close(),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
      for (const execution of local.values()) execution.kill();
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

/** The guard's file beside the built CLI. */
export function moduleGuardScript(packageRootDir: string): string {
  return path.join(packageRootDir, 'dist', 'module-guard.js');
}
