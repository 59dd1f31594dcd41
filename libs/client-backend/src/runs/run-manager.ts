import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { activeRun, snapshotOf, type ActiveRun, type RunListener } from './active-run.js';
import type { ErrorDetail } from './error-detail.js';
import { validateLaunch } from './launch-validation.js';
import type { ModuleDefinition } from '../registry/module-schema.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { moduleProcessExecutor } from './module-process.js';
import { DEFAULT_BUFFER_LINES, type OutputCapture } from '../capture/output-capture.js';
import { resolvePathParameters } from './path-parameter.js';
import { launchInProcessGroup, type ProcessLauncher } from './process-group.js';
import {
  ModuleNotFoundError,
  RunFinishedError,
  RunNotFoundError,
  RunQueueFullError,
  ServerShuttingDownError,
} from './run-errors.js';
import { runFolder, runLogFile, runOutputFolder } from './run-folder.js';
import {
  FINISHED_STATUSES,
  type ParameterValues,
  type RunRecord,
  type RunStatus,
} from '../store/run-record.js';
import type { RunExecution, RunExecutionEvents, RunExecutor } from './run-executor.js';
import { RunQueue } from './run-queue.js';
import type { RunQuery, RunStore } from '../store/run-store.js';

export type { RunListener } from './active-run.js';

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
  /**
   * Where runs execute (default: child processes of this process, one process group each);
   * the manager still decides when a run starts, records what happens and cancels it.
   */
  executor?: RunExecutor;
}

/** What shutting down does to running runs: stop them, or wait for them to end. */
export type ShutdownMode = 'cancel' | 'finish';

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
  private readonly executor: RunExecutor;
  private readonly now: () => Date;
  private stopping = false;

  constructor(private readonly options: RunManagerOptions) {
    this.maxConcurrentRuns = options.maxConcurrentRuns ?? 10;
    this.queue = new RunQueue(options.maxQueuedRuns ?? 100);
    this.now = options.now ?? (() => new Date());
    // Where runs execute: child processes of this server, one process group each.
    this.executor =
      options.executor ??
      moduleProcessExecutor({
        runsDir: options.runsDir,
        launch: options.launch ?? launchInProcessGroup,
        bufferLines: options.bufferLines ?? DEFAULT_BUFFER_LINES,
        serverEnv: options.serverEnv ?? process.env,
        secrets: options.secrets,
      });
    mkdirSync(options.runsDir, { recursive: true, mode: 0o700 });
  }

  /** Module by id; throws {@link ModuleNotFoundError} when the registry has none. */
  getModule(moduleId: string): ModuleDefinition {
    const module = this.options.registry.get(moduleId);
    if (module === undefined) throw new ModuleNotFoundError(moduleId);
    return module;
  }

  /** How many runs are running and waiting. */
  get counts(): { active: number; queued: number } {
    return { active: this.running, queued: this.queue.length };
  }

  /**
   * Validates a launch request and starts the run, or queues it when `maxConcurrentRuns` are
   * running. Nothing is stored when the request is refused: {@link ServerShuttingDownError},
   * {@link ModuleNotFoundError}, {@link ModuleDisabledError}, {@link InvalidParametersError} or
   * {@link RunQueueFullError}.
   */
  createRun(moduleId: string, parameters: Record<string, unknown>, saveConfig: boolean): RunRecord {
    if (this.stopping) throw new ServerShuttingDownError(moduleId);
    const module = this.getModule(moduleId);
    const runId = randomUUID();
    const launch = validateLaunch(
      module,
      parameters,
      this.options.store.getConfig(moduleId)?.parameters ?? {},
      {
        inputRoots: this.options.inputRoots ?? [],
        outputDir: this.outputDir(runId),
      },
    );
    const mustWait = this.running >= this.maxConcurrentRuns;
    if (mustWait && !this.queue.hasRoom())
      throw new RunQueueFullError(this.queue.length, this.queue.maxLength);

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
      parameters: launch.recordedParameters,
    };
    const run = activeRun(record, module, launch);
    this.options.store.saveRun(record);
    if (saveConfig) this.options.store.saveConfig(moduleId, launch.configToSave, record.createdAt);
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
        outputDir: runOutputFolder(this.options.runsDir, 'config-check'),
      },
      false,
    );
    return resolved.ok ? [] : resolved.details;
  }

  /** The run, live when active; throws {@link RunNotFoundError} when no run has the id. */
  getRun(runId: string): RunRecord {
    const run = this.active.get(runId);
    if (run !== undefined) return snapshotOf(run);
    const stored = this.options.store.getRun(runId);
    if (stored === undefined) throw new RunNotFoundError(runId);
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
    return this.active.get(runId)?.execution?.capture;
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
    return runFolder(this.options.runsDir, runId);
  }

  /** The run's output folder, where its module writes results (`PRISMQ_OUTPUT_DIR`). */
  outputDir(runId: string): string {
    return runOutputFolder(this.options.runsDir, runId);
  }

  /** The run's log file. */
  logFile(runId: string): string {
    return runLogFile(this.options.runsDir, runId);
  }

  /** Whether shutdown has begun: from then on no run is accepted or started. */
  get isShuttingDown(): boolean {
    return this.stopping;
  }

  /**
   * Cancels a run: a queued one leaves the queue, a running one gets SIGTERM on its process
   * group and SIGKILL after the grace period. Resolves with the final record; throws
   * {@link RunFinishedError} when the run had already finished, {@link RunNotFoundError} when
   * there is no such run.
   */
  async cancel(runId: string): Promise<RunRecord> {
    const run = this.active.get(runId);
    if (run === undefined) throw new RunFinishedError(runId, this.getRun(runId).status);
    run.cancelRequested = true;
    // A run its executor took but has not begun (waiting for a queue worker) is stopped
    // through the executor like a running one.
    if (run.record.status === 'queued' && run.execution === undefined) {
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
    for (const run of this.active.values()) run.execution?.kill();
  }

  private terminate(run: ActiveRun): void {
    const { execution } = run;
    if (execution === undefined || !execution.stop()) return;
    run.killTimer ??= setTimeout(() => execution.kill(), this.options.killGraceMs ?? 5_000);
  }

  /**
   * Takes over a run a previous server left queued or running whose execution can still be
   * followed from here (one on a queue worker): `follow` hands back its execution. From then
   * on it is this manager's like any other; false when its module is no longer registered.
   */
  adopt(
    record: RunRecord,
    follow: (events: RunExecutionEvents, module: ModuleDefinition) => RunExecution,
  ): boolean {
    const module = this.options.registry.get(record.moduleId);
    if (module === undefined || this.active.has(record.runId)) return false;
    const run = activeRun({ ...record, progress: { ...record.progress } }, module, {
      argv: [],
      writePaths: [],
      recordedParameters: record.parameters,
      configToSave: {},
    });
    this.active.set(record.runId, run);
    this.running++;
    run.holdsSlot = true;
    run.execution = follow(this.executionEvents(run), module);
    return true;
  }

  private executionEvents(run: ActiveRun): RunExecutionEvents {
    const { record } = run;
    return {
      started: (group) => {
        if (group !== undefined)
          this.options.store.saveProcessGroup(record.runId, group.pgid, group.processStart);
        if (run.execution?.startsLater === true) this.markRunning(run);
      },
      progress: (progress) => {
        record.progress = progress;
      },
      ended: (end) => this.finish(run, end.status, end.exitCode, end.errorMessage),
    };
  }

  private start(run: ActiveRun): void {
    const { record } = run;
    this.running++;
    run.holdsSlot = true;
    try {
      run.execution = this.executor.start(
        { runId: record.runId, module: run.module, launch: run.launch },
        this.executionEvents(run),
      );
    } catch (error) {
      this.finish(run, 'failed', null, (error as Error).message);
      return;
    }
    if (run.execution.startsLater !== true) this.markRunning(run);
  }

  private markRunning(run: ActiveRun): void {
    const { record } = run;
    if (record.status !== 'queued') return;
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
    run.execution?.capture.end();
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
    const snapshot = snapshotOf(run);
    for (const listener of run.listeners) listener(snapshot);
  }
}
