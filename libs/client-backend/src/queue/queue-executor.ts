import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { openLogFile, readLogTail } from '../capture/log-file.js';
import { OutputCapture } from '../capture/output-capture.js';
import type {
  RunExecution,
  RunExecutionEvents,
  RunExecutor,
  RunToExecute,
} from '../runs/run-executor.js';
import type { ModuleDefinition } from '../registry/module-schema.js';
import { runLogFile, runOutputFolder, runQueueCursorFile } from '../runs/run-folder.js';
import { PACKAGE_VERSION } from '../version.js';
import { QueueError } from './queue-errors.js';
import {
  CANCEL_CHANNEL,
  FINISHED_KEY_TTL_SECONDS,
  QUEUE_NAME,
  QUEUE_PROTOCOL_VERSION,
  cancelKey,
  endFields,
  runStreamKey,
  type RunJob,
  type RunStreamEntry,
} from './queue-protocol.js';
import type { QueueUrl } from './queue-url.js';
import { redisOptions } from './redis-connection.js';
import { RunStreamReader } from './run-stream-reader.js';

/** Settings of a {@link QueueExecutor}. */
export interface QueueExecutorSettings {
  url: QueueUrl;
  runsDir: string;
  bufferLines: number;
  /** The workers' lock duration: how long Redis or a worker may be silent before a run fails. */
  lockDurationMs: number;
  /** Protocol version written into jobs (tests put another one to meet a worker of another version). */
  protocolVersion?: number;
  /** Where the executor reports what it did on its own (lost Redis, lost workers). */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

interface RemoteRun {
  readonly runId: string;
  readonly moduleId: string;
  readonly retrySafe: boolean;
  readonly capture: OutputCapture;
  readonly events: RunExecutionEvents;
  attempt: number;
  worker: string | undefined;
  ended: boolean;
  killTimer?: NodeJS.Timeout;
  /** Lines of the next entries already in the log file (written before a crash, cursor not). */
  skipLines: number;
}

/** How far the server has read a run's stream: the last entry handed on, and its last line. */
const QueueCursorSchema = z.object({
  lastId: z.string().regex(/^\d+-\d+$/),
  lastSeq: z.number().int().min(0),
  attempt: z.number().int().min(0),
  worker: z.string().max(300).nullable(),
});
type QueueCursor = z.infer<typeof QueueCursorSchema>;

/** Where a restarted server follows a run's stream on from. */
export interface ResumePoint {
  readonly cursor: QueueCursor;
  /** Sequence number of the last line the run's log file holds. */
  readonly linesInLog: number;
}

const STALLED_TWICE = 'job stalled more than allowable limit';

/**
 * Runs execute on BullMQ workers (`prismq-backend worker`) over Redis. Each run is a job; its
 * worker reports the run's start, its lines and its end in the run's own Redis stream, which
 * this server follows and appends to the run's capture (memory, `run.log`) as if the process
 * were its own. Cancels go to the workers through a key and a channel. A run whose worker is
 * lost (BullMQ reports the job stalled: its lock expired) ends `failed`, unless its module is
 * retry-safe; a run that cannot reach Redis for the lock duration ends `failed` too.
 */
export class QueueExecutor implements RunExecutor {
  private readonly runs = new Map<string, RemoteRun>();
  private readonly commands: Redis;
  private readonly readerConnection: Redis;
  private readonly queue: Queue;
  private readonly queueEvents: QueueEvents;
  private readonly reader: RunStreamReader;
  private redisDownSince: number | undefined;
  private lastRedisError = '';

  constructor(private readonly settings: QueueExecutorSettings) {
    this.commands = new Redis(redisOptions(settings.url, 'command'));
    this.readerConnection = new Redis(redisOptions(settings.url, 'command'));
    for (const connection of [this.commands, this.readerConnection])
      connection.on('error', (error: Error) => this.redisTrouble(error));
    this.queue = new Queue(QUEUE_NAME, {
      connection: { ...redisOptions(settings.url, 'blocking'), maxRetriesPerRequest: 1 },
    });
    this.queue.on('error', (error) => this.redisTrouble(error));
    this.queueEvents = new QueueEvents(QUEUE_NAME, {
      connection: redisOptions(settings.url, 'blocking'),
      autorun: false,
    });
    this.queueEvents.on('error', (error) => this.redisTrouble(error));
    this.queueEvents.on('stalled', ({ jobId }) => this.workerLost(jobId));
    this.queueEvents.on('failed', ({ jobId, failedReason }) => this.jobFailed(jobId, failedReason));
    this.reader = new RunStreamReader(
      this.readerConnection,
      this.commands,
      `prismq:${QUEUE_NAME}:wake:${randomUUID()}`,
      (runId, id, entry) => this.onEntry(runId, id, entry),
      { ok: () => this.redisOk(), trouble: (error) => this.redisTrouble(error) },
    );
  }

  /** Connects to Redis; throws a {@link QueueError} (`QUEUE_REDIS_LOST`) when it cannot be reached. */
  async open(): Promise<void> {
    try {
      await Promise.all([this.commands.connect(), this.readerConnection.connect()]);
      await this.queue.waitUntilReady();
      void this.queueEvents.run().catch((error: unknown) => this.redisTrouble(error));
      await this.queueEvents.waitUntilReady();
    } catch (error) {
      await this.close();
      throw new QueueError(
        'QUEUE_REDIS_LOST',
        `cannot reach Redis at ${this.settings.url.display}: ${(error as Error).message}`,
      );
    }
    this.reader.start();
  }

  /** Stops following runs and closes every connection; runs still followed are not ended. */
  async close(): Promise<void> {
    await this.reader.stop();
    await Promise.allSettled([this.queueEvents.close(), this.queue.close()]);
    this.commands.disconnect();
    this.readerConnection.disconnect();
  }

  /**
   * Where to follow a run a previous server left unfinished on from, when it was one of this
   * executor's (its folder holds the stream cursor); `undefined` otherwise.
   */
  async resumePoint(runId: string): Promise<ResumePoint | undefined> {
    const cursor = this.readCursor(runId);
    if (cursor === undefined) return undefined;
    const { totalLines } = await readLogTail(runLogFile(this.settings.runsDir, runId), 1);
    return { cursor, linesInLog: totalLines };
  }

  /**
   * Follows a run a previous server put on the queue on from where that server stopped
   * reading its stream: lines it had written to the log file are neither lost nor repeated,
   * and what happened to the job meanwhile (failed, or stalled while no server listened) ends
   * the run as it would have then.
   */
  resume(
    runId: string,
    module: ModuleDefinition,
    events: RunExecutionEvents,
    point: ResumePoint,
  ): RunExecution {
    const { cursor } = point;
    // The log may hold lines past the cursor (the process died between the two writes); as
    // every entry is a whole batch, they are skipped from the next entries.
    const inLog = point.linesInLog;
    const remote = this.follow(runId, module, events, Math.max(inLog, cursor.lastSeq) + 1);
    remote.attempt = cursor.attempt;
    remote.worker = cursor.worker ?? undefined;
    remote.skipLines = Math.max(0, inLog - cursor.lastSeq);
    this.reader.add(runId, runStreamKey(runId), cursor.lastId);
    void this.checkJobAfterRestart(remote);
    return this.execution(remote);
  }

  start(run: RunToExecute, events: RunExecutionEvents): RunExecution {
    const { runId } = run;
    mkdirSync(runOutputFolder(this.settings.runsDir, runId), { recursive: true, mode: 0o700 });
    const remote = this.follow(runId, run.module, events, 1);
    this.writeCursor(remote, '0-0');
    this.reader.add(runId, runStreamKey(runId));
    const job: RunJob = {
      protocolVersion: (this.settings.protocolVersion ?? QUEUE_PROTOCOL_VERSION) as 1,
      runId,
      moduleId: run.module.id,
      args: run.launch.argv.slice(run.module.command.length),
      writePaths: run.launch.writePaths,
      retrySafe: remote.retrySafe,
      serverVersion: PACKAGE_VERSION,
    };
    this.queue
      .add('run', job, {
        jobId: runId,
        attempts: 1,
        removeOnComplete: { age: FINISHED_KEY_TTL_SECONDS },
        removeOnFail: { age: FINISHED_KEY_TTL_SECONDS * 24 },
      })
      .catch((error: unknown) =>
        this.end(remote, {
          status: 'failed',
          exitCode: null,
          errorMessage: `cannot put the run on the queue at ${this.settings.url.display}: ${(error as Error).message}`,
        }),
      );
    return this.execution(remote);
  }

  private follow(
    runId: string,
    module: ModuleDefinition,
    events: RunExecutionEvents,
    firstSeq: number,
  ): RemoteRun {
    const logFile = runLogFile(this.settings.runsDir, runId);
    const capture = new OutputCapture({
      writer: openLogFile(logFile),
      filePath: logFile,
      bufferLines: this.settings.bufferLines,
      onProgress: (progress) => events.progress(progress),
      firstSeq,
    });
    const remote: RemoteRun = {
      runId,
      moduleId: module.id,
      retrySafe: module.retrySafe === true,
      capture,
      events,
      attempt: 0,
      worker: undefined,
      ended: false,
      skipLines: 0,
    };
    this.runs.set(runId, remote);
    return remote;
  }

  private execution(remote: RemoteRun): RunExecution {
    return {
      capture: remote.capture,
      startsLater: true,
      stop: () => {
        if (remote.ended) return false;
        void this.cancel(remote, 'TERM');
        return true;
      },
      kill: () => {
        if (remote.ended) return;
        void this.cancel(remote, 'KILL');
        // A cancel no worker confirms (its worker is gone and no other one reports the job
        // stalled) must still end the run.
        remote.killTimer ??= setTimeout(
          () =>
            this.end(remote, {
              status: 'failed',
              exitCode: null,
              errorMessage: `no worker confirmed the cancel within ${2 * this.settings.lockDurationMs} ms`,
            }),
          2 * this.settings.lockDurationMs,
        ).unref();
      },
    };
  }

  private async cancel(remote: RemoteRun, signal: 'TERM' | 'KILL'): Promise<void> {
    try {
      await this.commands.set(cancelKey(remote.runId), signal, 'EX', FINISHED_KEY_TTL_SECONDS);
      await this.commands.publish(CANCEL_CHANNEL, `${remote.runId} ${signal}`);
      // A job no worker has taken yet is simply taken off the queue.
      const job = await this.queue.getJob(remote.runId);
      if (job !== undefined && (await job.isWaiting())) {
        await job.remove();
        this.end(remote, {
          status: 'failed',
          exitCode: null,
          errorMessage: 'cancelled before a worker took it',
        });
      }
    } catch (error) {
      // Taken by a worker meanwhile (it finds the cancel key), or Redis is away (the loss
      // rule ends the run).
      this.redisTroubleIfConnection(error);
    }
  }

  private onEntry(runId: string, id: string, entry: RunStreamEntry | undefined): void {
    const remote = this.runs.get(runId);
    if (remote === undefined || remote.ended) return;
    this.handle(remote, entry);
    if (!remote.ended) this.writeCursor(remote, id);
  }

  private handle(remote: RemoteRun, entry: RunStreamEntry | undefined): void {
    if (entry === undefined) return;
    switch (entry.kind) {
      case 'lines': {
        // Lines of an attempt that was replaced cannot arrive: Redis refuses their ids.
        const skip = Math.min(remote.skipLines, entry.lines.length);
        remote.skipLines -= skip;
        remote.capture.appendLines(skip > 0 ? entry.lines.slice(skip) : entry.lines);
        return;
      }
      case 'started':
        if (entry.attempt <= remote.attempt) return;
        if (remote.attempt > 0)
          remote.capture.appendLines([
            {
              stream: 'stderr',
              text: `prismq: warning: attempt ${entry.attempt} started on worker ${entry.worker} after worker ${remote.worker ?? 'unknown'} was lost; the lines below are the new attempt's output from its first line`,
              truncated: false,
            },
          ]);
        remote.attempt = entry.attempt;
        remote.worker = entry.worker;
        remote.events.started();
        return;
      case 'end':
        this.end(remote, entry);
    }
  }

  private readCursor(runId: string): QueueCursor | undefined {
    try {
      const parsed = QueueCursorSchema.safeParse(
        JSON.parse(readFileSync(runQueueCursorFile(this.settings.runsDir, runId), 'utf8')),
      );
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written after the entry's lines are in the log file, whole (aside, then renamed). */
  private writeCursor(remote: RemoteRun, lastId: string): void {
    const file = runQueueCursorFile(this.settings.runsDir, remote.runId);
    const cursor: QueueCursor = {
      lastId,
      lastSeq: remote.capture.lastSeq,
      attempt: remote.attempt,
      worker: remote.worker ?? null,
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(cursor), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  /** What became of a resumed run's job while no server followed it. */
  private async checkJobAfterRestart(remote: RemoteRun): Promise<void> {
    try {
      const job = await this.queue.getJob(remote.runId);
      const state = job === undefined ? 'unknown' : await job.getState();
      if (state === 'failed') this.jobFailed(remote.runId, job?.failedReason ?? 'the job failed');
      else if (state === 'unknown')
        // A run that ended has its `end` in the stream before this one.
        this.endThroughStream(remote, 'its job is no longer on the queue');
      else if (state === 'waiting' && (job?.attemptsStarted ?? 0) > 0)
        this.workerLost(remote.runId);
    } catch (error) {
      this.redisTroubleIfConnection(error);
    }
  }

  /** The run's job stalled: its worker stopped renewing the lock (killed, frozen, cut off). */
  private workerLost(jobId: string): void {
    const remote = this.runs.get(jobId);
    if (remote === undefined || remote.ended || remote.retrySafe) return;
    this.endThroughStream(
      remote,
      `the worker running it (${remote.worker ?? 'not yet reported'}) was lost: its job lock was not renewed within ${this.settings.lockDurationMs} ms; module ${remote.moduleId} is not retrySafe, so the run is not started again`,
    );
  }

  private jobFailed(jobId: string, failedReason: string): void {
    const remote = this.runs.get(jobId);
    if (remote === undefined || remote.ended) return;
    this.endThroughStream(
      remote,
      failedReason === STALLED_TWICE
        ? `the workers running it were lost twice (job lock not renewed within ${this.settings.lockDurationMs} ms); the run is not started a third time`
        : failedReason,
    );
  }

  /**
   * Ends a run with an `end` entry of the server's own, after whatever its worker wrote
   * before it: the reader hands the worker's last lines on first, and a worker that is
   * still alive somewhere can add nothing after it.
   */
  private endThroughStream(remote: RemoteRun, errorMessage: string): void {
    this.commands
      .xadd(runStreamKey(remote.runId), '*', ...endFields('failed', null, errorMessage))
      .catch((error: unknown) => this.redisTroubleIfConnection(error));
  }

  private end(
    remote: RemoteRun,
    end: { status: 'completed' | 'failed'; exitCode: number | null; errorMessage: string | null },
  ): void {
    if (remote.ended) return;
    remote.ended = true;
    if (remote.killTimer !== undefined) clearTimeout(remote.killTimer);
    this.runs.delete(remote.runId);
    this.reader.remove(remote.runId);
    remote.events.ended(end);
    this.commands
      .expire(runStreamKey(remote.runId), FINISHED_KEY_TTL_SECONDS)
      .catch(() => undefined);
  }

  private redisOk(): void {
    this.redisDownSince = undefined;
  }

  private redisTroubleIfConnection(error: unknown): void {
    const message = (error as Error).message;
    if (/connect|closed|writeable|ECONN|ETIMEDOUT|EPIPE|max retries/i.test(message))
      this.redisTrouble(error);
  }

  /**
   * Redis did not answer. A blip is ridden out; once it has been away for the lock duration
   * (the time after which its workers' jobs count as lost anyway) every run this server
   * follows ends `failed`, with the lines already received kept.
   */
  private redisTrouble(error: unknown): void {
    const now = Date.now();
    this.lastRedisError = (error as Error).message;
    this.redisDownSince ??= now;
    if (now - this.redisDownSince < this.settings.lockDurationMs || this.runs.size === 0) return;
    const message = `lost the connection to Redis at ${this.settings.url.display} for over ${this.settings.lockDurationMs} ms (${this.lastRedisError}); the lines received before are kept`;
    this.settings.warn?.('ending runs: Redis unreachable', { runs: [...this.runs.keys()] });
    for (const remote of [...this.runs.values()])
      this.end(remote, { status: 'failed', exitCode: null, errorMessage: message });
  }
}
