import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ApiError, type ErrorDetail } from './errors.js';
import { openLogFile } from './log-file.js';
import type { ModuleDefinition } from './module-schema.js';
import type { ModuleRegistry } from './module-registry.js';
import { OutputCapture, DEFAULT_BUFFER_LINES } from './output-capture.js';
import {
  checkParameters,
  checkRequired,
  mergeWithDefaults,
  parametersToArgv,
  redactParameters,
  withoutPasswords,
  type ParameterValues,
} from './parameter-validation.js';
import { moduleEnvironment } from './module-environment.js';
import { resolvePathParameters } from './path-parameter.js';
import { launchInProcessGroup, signalProcessGroup, type ProcessLauncher } from './process-group.js';
import { processStartTime } from './process-identity.js';
import { FINISHED_STATUSES, type RunRecord, type RunStatus } from './run-record.js';
import { RunQueue } from './run-queue.js';
import type { RunQuery, RunStore } from './run-store.js';

/** Settings of a {@link RunManager}. */
export interface RunManagerOptions {
  /** The modules runs may be created of. */
  registry: ModuleRegistry;
  /** Where runs and saved configs are kept. */
  store: RunStore;
  /** Folder holding one working folder per run. */
  runsDir: string;
  /** Runs whose processes may run at once; later runs wait in the queue. */
  maxConcurrentRuns?: number;
  /** Runs that may wait; one more is refused with `QUEUE_FULL`. */
  maxQueuedRuns?: number;
  /** Lines each run keeps in memory. */
  bufferLines?: number;
  /** Time between SIGTERM and SIGKILL when a run is cancelled. */
  killGraceMs?: number;
  /** Starts a run's process (default: a new process group, without a shell). */
  launch?: ProcessLauncher;
  /** Clock for the run records' times. */
  now?: () => Date;
  /** Roots of `access: read` path parameters; a relative path resolves against the first. */
  inputRoots?: readonly string[];
  /** Environment the module environment is picked from (default `process.env`). */
  serverEnv?: NodeJS.ProcessEnv;
  /** Values no module may see in its environment (the API token). */
  secrets?: readonly string[];
}

/** What shutting down does to running runs: stop them, or wait for them to end. */
export type ShutdownMode = 'cancel' | 'finish';

/** Called with the run after each change of status. */
export type RunListener = (run: RunRecord) => void;

interface ActiveRun {
  record: RunRecord;
  module: ModuleDefinition;
  argv: string[];
  /** Resolved `access: write` paths, whose folders are made before the module starts. */
  writePaths: string[];
  capture?: OutputCapture;
  child?: ChildProcess;
  cancelRequested: boolean;
  /** Counted in `running` since `start`, whether or not the process could be spawned. */
  holdsSlot: boolean;
  killTimer?: NodeJS.Timeout;
  listeners: Set<RunListener>;
  finished: Promise<void>;
  markFinished: () => void;
}

/**
 * Owns the runs of one server: validates launch requests, queues them (FIFO, bounded), starts
 * modules as child processes in their own process group and working folder, captures their
 * output, records every change of state in the store, and cancels or kills them.
 */
export class RunManager {
  private readonly active = new Map<string, ActiveRun>();
  private readonly queue: RunQueue;
  private running = 0;
  private readonly maxConcurrentRuns: number;
  private readonly launch: ProcessLauncher;
  private readonly now: () => Date;
  private stopping = false;

  constructor(private readonly options: RunManagerOptions) {
    this.maxConcurrentRuns = options.maxConcurrentRuns ?? 10;
    this.queue = new RunQueue(options.maxQueuedRuns ?? 100);
    this.launch = options.launch ?? launchInProcessGroup;
    this.now = options.now ?? (() => new Date());
    mkdirSync(options.runsDir, { recursive: true, mode: 0o700 });
  }

  /** Module by id; 404 when unknown. */
  getModule(moduleId: string): ModuleDefinition {
    const module = this.options.registry.get(moduleId);
    if (module === undefined)
      throw new ApiError('NOT_FOUND', `module ${moduleId} is not in the registry`, [
        {
          field: 'id',
          rule: 'known-module',
          message: `id ${moduleId} names no module of the registry`,
        },
      ]);
    return module;
  }

  /** How many runs are running and waiting. */
  get counts(): { active: number; queued: number } {
    return { active: this.running, queued: this.queue.length };
  }

  /**
   * Validates a launch request and starts the run, or queues it when `maxConcurrentRuns` are
   * running. Nothing is stored when the request is refused.
   */
  createRun(moduleId: string, parameters: Record<string, unknown>, saveConfig: boolean): RunRecord {
    if (this.stopping)
      throw new ApiError('SHUTTING_DOWN', 'server is shutting down; no new runs are accepted');
    const module = this.getModule(moduleId);
    if (!module.enabled) {
      throw new ApiError('MODULE_DISABLED', `module ${moduleId} is disabled`, [
        {
          field: 'id',
          rule: 'enabled',
          message: `module ${moduleId} has enabled: false in the registry`,
        },
      ]);
    }
    const check = checkParameters(module, parameters);
    if (!check.ok)
      throw new ApiError(
        'INVALID_INPUT',
        `invalid parameters for module ${moduleId}`,
        check.details,
      );
    // A saved config is read as untrusted too: values that no longer pass are left out.
    const storedConfig = this.options.store.getConfig(moduleId)?.parameters ?? {};
    const saved = Object.fromEntries(
      Object.entries(storedConfig).filter(
        ([key, value]) => checkParameters(module, { [key]: value }).ok,
      ),
    );
    const values = mergeWithDefaults(module, saved, check.values);
    const missing = checkRequired(module, values);
    if (missing.length > 0)
      throw new ApiError('INVALID_INPUT', `missing parameters for module ${moduleId}`, missing);
    const runId = randomUUID();
    const resolved = resolvePathParameters(
      module,
      values,
      {
        inputRoots: this.options.inputRoots ?? [],
        outputDir: path.join(this.runDir(runId), 'output'),
      },
      true,
    );
    if (!resolved.ok)
      throw new ApiError('INVALID_INPUT', `invalid paths for module ${moduleId}`, resolved.details);
    const mustWait = this.running >= this.maxConcurrentRuns;
    if (mustWait && !this.queue.hasRoom()) {
      throw new ApiError(
        'QUEUE_FULL',
        `run queue is full: ${this.queue.length} runs waiting (maxQueuedRuns ${this.queue.maxLength})`,
        [
          {
            field: 'queue',
            rule: 'max-queued',
            message: `at most ${this.queue.maxLength} runs may wait`,
          },
        ],
        { 'retry-after': '5' },
      );
    }

    const record: RunRecord = {
      runId,
      moduleId,
      moduleName: module.name,
      status: 'queued',
      createdAt: this.now().toISOString(),
      startedAt: null,
      completedAt: null,
      durationMs: null,
      exitCode: null,
      errorMessage: null,
      progress: { processed: 0, total: null, percent: null },
      parameters: redactParameters(module, values),
    };
    let markFinished = (): void => undefined;
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    const run: ActiveRun = {
      record,
      module,
      argv: [...module.command, ...parametersToArgv(module, resolved.values)],
      writePaths: module.parameters
        .filter((parameter) => parameter.type === 'path' && parameter.access === 'write')
        .map((parameter) => resolved.values[parameter.name])
        .filter((value): value is string => typeof value === 'string'),
      cancelRequested: false,
      holdsSlot: false,
      listeners: new Set(),
      finished,
      markFinished,
    };
    this.options.store.saveRun(record);
    if (saveConfig) {
      this.options.store.saveConfig(
        moduleId,
        withoutPasswords(module, { ...saved, ...check.values }),
        record.createdAt,
      );
    }
    this.active.set(record.runId, run);
    if (mustWait) this.queue.enqueue(record.runId);
    else this.start(run);
    return { ...record };
  }

  /**
   * Checks the `path` parameters of a config about to be saved: each must stay inside its root
   * (read paths need not exist yet; they are checked again when a run starts).
   */
  checkConfigPaths(module: ModuleDefinition, values: ParameterValues): ErrorDetail[] {
    const resolved = resolvePathParameters(
      module,
      values,
      {
        inputRoots: this.options.inputRoots ?? [],
        outputDir: path.join(this.options.runsDir, 'config-check', 'output'),
      },
      false,
    );
    return resolved.ok ? [] : resolved.details;
  }

  /** The run, live when active; 404 when unknown. */
  getRun(runId: string): RunRecord {
    const run = this.active.get(runId);
    if (run !== undefined) return { ...run.record, progress: { ...run.record.progress } };
    const stored = this.options.store.getRun(runId);
    if (stored === undefined) {
      throw new ApiError('NOT_FOUND', `run ${runId} does not exist`, [
        { field: 'runId', rule: 'known-run', message: `runId ${runId} names no run` },
      ]);
    }
    return stored;
  }

  /** Runs newest first, live records for active ones. */
  listRuns(query: RunQuery): { runs: RunRecord[]; total: number } {
    const page = this.options.store.listRuns(query);
    return {
      runs: page.runs.map((run) => this.active.get(run.runId)?.record ?? run),
      total: page.total,
    };
  }

  /** The capture of an active run, for tails and streams. */
  getCapture(runId: string): OutputCapture | undefined {
    return this.active.get(runId)?.capture;
  }

  /** Whether the run is still queued or running in this process. */
  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Calls `listener` on each status change of an active run; returns the unsubscribe. */
  subscribe(runId: string, listener: RunListener): () => void {
    const run = this.active.get(runId);
    if (run === undefined) return () => undefined;
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  /** The run's working folder; `runId` must already be validated as a uuid. */
  runDir(runId: string): string {
    return path.join(this.options.runsDir, runId);
  }

  /** The run's log file. */
  logFile(runId: string): string {
    return path.join(this.runDir(runId), 'run.log');
  }

  /**
   * Cancels a run: a queued one leaves the queue, a running one gets SIGTERM on its process
   * group and SIGKILL after the grace period. Resolves with the final record; 409 when the
   * run had already finished.
   */
  async cancel(runId: string): Promise<RunRecord> {
    const run = this.active.get(runId);
    if (run === undefined) {
      const stored = this.getRun(runId);
      throw new ApiError(
        'RUN_FINISHED',
        `run ${runId} already finished with status ${stored.status}`,
        [
          {
            field: 'runId',
            rule: 'unfinished',
            message: `run ${runId} is ${stored.status}; only a queued or running run can be cancelled`,
          },
        ],
      );
    }
    run.cancelRequested = true;
    if (run.record.status === 'queued') {
      this.queue.remove(runId);
      this.finish(run, 'cancelled', null, 'cancelled before it started');
    } else {
      this.terminate(run);
    }
    await run.finished;
    return { ...run.record };
  }

  /** Deletes finished runs older than `olderThanHours` with their folders; returns how many. */
  cleanup(olderThanHours: number): number {
    const before = new Date(this.now().getTime() - olderThanHours * 3_600_000).toISOString();
    const ids = this.options.store.deleteFinishedBefore(before);
    for (const id of ids) rmSync(this.runDir(id), { recursive: true, force: true });
    return ids.length;
  }

  /**
   * Refuses new runs and cancels queued ones; then either stops running ones (`cancel`, the
   * default) or lets them run to their end (`finish`), and waits until every child is gone.
   */
  async shutdown(mode: ShutdownMode = 'cancel', timeoutMs = Infinity): Promise<void> {
    this.stopping = true;
    for (const runId of this.queue.drain()) {
      const run = this.active.get(runId);
      if (run !== undefined) this.finish(run, 'cancelled', null, 'cancelled by server shutdown');
    }
    const runs = [...this.active.values()];
    const cancelAll = (): void => {
      for (const run of runs) {
        run.cancelRequested = true;
        this.terminate(run);
      }
    };
    if (mode === 'cancel') cancelAll();
    const allFinished = Promise.all(runs.map((run) => run.finished));
    if (mode === 'finish' && Number.isFinite(timeoutMs)) {
      // Runs still going when the time is up are cancelled like in `cancel` mode.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([allFinished, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') cancelAll();
    }
    await allFinished;
  }

  /** Last resort at process exit: SIGKILL every group still alive, synchronously. */
  killAllNow(): void {
    for (const run of this.active.values()) {
      if (run.child?.pid !== undefined) signalProcessGroup(run.child.pid, 'SIGKILL');
    }
  }

  private terminate(run: ActiveRun): void {
    const pid = run.child?.pid;
    if (pid === undefined) return;
    signalProcessGroup(pid, 'SIGTERM');
    if (run.killTimer === undefined) {
      run.killTimer = setTimeout(
        () => signalProcessGroup(pid, 'SIGKILL'),
        this.options.killGraceMs ?? 5_000,
      );
    }
  }

  private start(run: ActiveRun): void {
    const { record } = run;
    const dir = this.runDir(record.runId);
    const outputDir = path.join(dir, 'output');
    this.running++;
    run.holdsSlot = true;
    try {
      mkdirSync(outputDir, { recursive: true, mode: 0o700 });
      for (const file of run.writePaths)
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      run.capture = new OutputCapture({
        writer: openLogFile(this.logFile(record.runId)),
        filePath: this.logFile(record.runId),
        bufferLines: this.options.bufferLines ?? DEFAULT_BUFFER_LINES,
        onProgress: (progress) => {
          record.progress = progress;
        },
      });
      const child = this.launch(run.argv, {
        cwd: dir,
        env: moduleEnvironment(
          this.options.serverEnv ?? process.env,
          run.module,
          { runId: record.runId, outputDir },
          this.options.secrets,
        ),
      });
      run.child = child;
      // The group is on record before anything else can happen, so a server that dies from
      // here on leaves a trace the next one can use to end it.
      if (child.pid !== undefined)
        this.options.store.saveProcessGroup(
          record.runId,
          child.pid,
          processStartTime(child.pid) ?? null,
        );
      const capture = run.capture;
      child.stdout?.on('data', (chunk: Buffer) => capture.write('stdout', chunk));
      child.stderr?.on('data', (chunk: Buffer) => capture.write('stderr', chunk));
      child.once('error', (error) => {
        if (child.pid === undefined) {
          this.finish(run, 'failed', null, startFailure(run.argv, error));
        }
      });
      child.once('close', (code, signal) => {
        if (signal !== null) this.finish(run, 'failed', null, `terminated by signal ${signal}`);
        else if (code === 0) this.finish(run, 'completed', 0, null);
        else this.finish(run, 'failed', code, `exited with code ${code ?? 'unknown'}`);
      });
    } catch (error) {
      this.finish(run, 'failed', null, startFailure(run.argv, error));
      return;
    }
    if (run.record.status !== 'queued') return;
    record.status = 'running';
    record.startedAt = this.now().toISOString();
    this.options.store.saveRun(record);
    this.notify(run);
  }

  private finish(
    run: ActiveRun,
    status: RunStatus,
    exitCode: number | null,
    errorMessage: string | null,
  ): void {
    const { record } = run;
    if (FINISHED_STATUSES.has(record.status)) return;
    if (run.killTimer !== undefined) clearTimeout(run.killTimer);
    run.capture?.end();
    const completedAt = this.now();
    record.status = run.cancelRequested ? 'cancelled' : status;
    record.exitCode = exitCode;
    record.errorMessage =
      run.cancelRequested && status !== 'cancelled'
        ? `cancelled (${errorMessage ?? 'exited'})`
        : errorMessage;
    record.completedAt = completedAt.toISOString();
    if (record.startedAt !== null)
      record.durationMs = completedAt.getTime() - Date.parse(record.startedAt);
    this.options.store.saveRun(record);
    this.active.delete(record.runId);
    if (run.holdsSlot) this.running--;
    run.holdsSlot = false;
    this.notify(run);
    run.listeners.clear();
    run.markFinished();
    this.startNext();
  }

  private startNext(): void {
    while (!this.stopping && this.running < this.maxConcurrentRuns) {
      const runId = this.queue.dequeue();
      if (runId === undefined) return;
      const run = this.active.get(runId);
      if (run !== undefined) this.start(run);
    }
  }

  private notify(run: ActiveRun): void {
    const snapshot = { ...run.record, progress: { ...run.record.progress } };
    for (const listener of run.listeners) listener(snapshot);
  }
}

/**
 * Why a module could not start. Node's spawn errors may quote the whole argv, parameter values
 * (passwords) included, so only the program and the error code are kept.
 */
function startFailure(argv: readonly string[], error: unknown): string {
  const program = argv[0] ?? '(empty command)';
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot start ${program}: ${code === undefined ? 'the process could not be created' : `spawn ${program} ${code}`}`;
}
