import Database from 'better-sqlite3';
import {
  RUN_STATUSES,
  type ParameterValues,
  type RunRecord,
  type RunStatus,
} from './run-record.js';

/** Filters and paging of {@link RunStore.listRuns}. */
export interface RunQuery {
  /** Only runs in this status. */
  status?: RunStatus;
  /** Only runs of this module. */
  moduleId?: string;
  /** Most runs to return. */
  limit: number;
  /** Runs to skip, newest first. */
  offset: number;
}

/** A module's saved parameters. */
export interface SavedConfig {
  /** The saved values, passwords left out. */
  parameters: ParameterValues;
  /** When they were saved, ISO time. */
  updatedAt: string;
}

// Each entry moves the schema one version up; `PRAGMA user_version` records how far a file got.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     run_id TEXT PRIMARY KEY,
     module_id TEXT NOT NULL,
     module_name TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     started_at TEXT,
     completed_at TEXT,
     duration_ms REAL,
     exit_code INTEGER,
     error_message TEXT,
     processed INTEGER NOT NULL DEFAULT 0,
     total INTEGER,
     percent REAL,
     parameters TEXT NOT NULL
   );
   CREATE INDEX runs_created ON runs (created_at DESC);
   CREATE INDEX runs_status ON runs (status);
   CREATE TABLE module_configs (
     module_id TEXT PRIMARY KEY,
     parameters TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // Each run's process group, so a server that starts after a crash can end what is left.
  // Progress a module once reported beyond the safe integers (stored as Inf) is reset.
  `ALTER TABLE runs ADD COLUMN pgid INTEGER;
   ALTER TABLE runs ADD COLUMN process_start TEXT;
   UPDATE runs SET processed = 0
     WHERE typeof(processed) != 'integer' OR NOT (processed BETWEEN 0 AND 9007199254740991);
   UPDATE runs SET total = NULL
     WHERE total IS NOT NULL AND (typeof(total) != 'integer' OR NOT (total BETWEEN 0 AND 9007199254740991));
   UPDATE runs SET percent = NULL WHERE percent IS NOT NULL AND NOT (percent BETWEEN 0 AND 100);
   UPDATE runs SET duration_ms = NULL
     WHERE duration_ms IS NOT NULL AND NOT (duration_ms BETWEEN 0 AND 9007199254740991);
   UPDATE runs SET exit_code = NULL
     WHERE exit_code IS NOT NULL AND (typeof(exit_code) != 'integer' OR NOT (exit_code BETWEEN -2147483648 AND 2147483647));`,
];

/** A run's process group as recorded when it started. */
export interface RecordedProcessGroup {
  /** The run whose module leads the group. */
  runId: string;
  /** Process group id (the leader's pid). */
  pgid: number;
  /** Start time of the group leader (see `processStartTime`), null when unknown. */
  processStart: string | null;
}

interface ListStatements {
  page: Database.Statement<Record<string, string | number>, RunRow>;
  count: Database.Statement<Record<string, string | number>, { n: number }>;
}

interface RunRow {
  run_id: string;
  module_id: string;
  module_name: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  exit_code: number | null;
  error_message: string | null;
  processed: number;
  total: number | null;
  percent: number | null;
  parameters: string;
}

// The database is read as untrusted: a value no run could have produced (a file edited by
// hand or written by an older version) reads as "unknown" instead of failing every response.
function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function isoTime(value: unknown): string | null {
  return typeof value === 'string' && ISO_TIME.test(value) ? value : null;
}
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function storedParameters(text: string): ParameterValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const values: ParameterValues = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    )
      values[key] = value;
  }
  return values;
}

function toRecord(row: RunRow): RunRecord {
  const percent = row.percent;
  const exitCode = row.exit_code;
  return {
    runId: row.run_id,
    moduleId: String(row.module_id),
    moduleName: String(row.module_name),
    status: (RUN_STATUSES as readonly string[]).includes(row.status) ? row.status : 'failed',
    createdAt: isoTime(row.created_at) ?? new Date(0).toISOString(),
    startedAt: isoTime(row.started_at),
    completedAt: isoTime(row.completed_at),
    durationMs:
      typeof row.duration_ms === 'number' &&
      Number.isFinite(row.duration_ms) &&
      row.duration_ms >= 0
        ? row.duration_ms
        : null,
    exitCode:
      typeof exitCode === 'number' && Number.isInteger(exitCode) && Math.abs(exitCode) < 2 ** 31
        ? exitCode
        : null,
    errorMessage: typeof row.error_message === 'string' ? row.error_message : null,
    progress: {
      processed: count(row.processed) ?? 0,
      total: count(row.total),
      percent: typeof percent === 'number' && percent >= 0 && percent <= 100 ? percent : null,
    },
    parameters: storedParameters(row.parameters),
  };
}

function toRow(run: RunRecord): RunRow {
  return {
    run_id: run.runId,
    module_id: run.moduleId,
    module_name: run.moduleName,
    status: run.status,
    created_at: run.createdAt,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    duration_ms: run.durationMs,
    exit_code: run.exitCode,
    error_message: run.errorMessage,
    processed: run.progress.processed,
    total: run.progress.total,
    percent: run.progress.percent,
    parameters: JSON.stringify(run.parameters),
  };
}

/**
 * Run history and module configs in SQLite (better-sqlite3). Every write is one statement or
 * one transaction, and the journal is WAL, so a crash leaves either the old or the new state.
 */
export class RunStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly listCache = new Map<string, ListStatements>();

  /** Opens (creating and migrating) the database at `file`; `:memory:` for a throwaway one. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.statements = {
      upsert: this.db.prepare(
        `INSERT INTO runs (run_id, module_id, module_name, status, created_at, started_at, completed_at,
           duration_ms, exit_code, error_message, processed, total, percent, parameters)
         VALUES (@run_id, @module_id, @module_name, @status, @created_at, @started_at, @completed_at,
           @duration_ms, @exit_code, @error_message, @processed, @total, @percent, @parameters)
         ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
           completed_at = excluded.completed_at, duration_ms = excluded.duration_ms, exit_code = excluded.exit_code,
           error_message = excluded.error_message, processed = excluded.processed, total = excluded.total,
           percent = excluded.percent`,
      ),
      get: this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?'),
      getConfig: this.db.prepare<[string], { parameters: string; updated_at: string }>(
        'SELECT parameters, updated_at FROM module_configs WHERE module_id = ?',
      ),
      saveConfig: this.db.prepare(
        `INSERT INTO module_configs VALUES (?, ?, ?)
         ON CONFLICT (module_id) DO UPDATE SET parameters = excluded.parameters, updated_at = excluded.updated_at`,
      ),
      deleteConfig: this.db.prepare('DELETE FROM module_configs WHERE module_id = ?'),
      countByStatus: this.db.prepare<[], { status: RunStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM runs GROUP BY status',
      ),
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let next = version; next < MIGRATIONS.length; next++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[next] as string);
        this.db.pragma(`user_version = ${next + 1}`);
      })();
    }
  }

  /** Inserts a run or updates its mutable fields. */
  saveRun(run: RunRecord): void {
    this.statements.upsert.run(toRow(run));
  }

  /** One run, `undefined` when no run has that id. */
  getRun(runId: string): RunRecord | undefined {
    const row = this.statements.get.get(runId);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Runs newest first, with the total count matching the filters. */
  listRuns(query: RunQuery): { runs: RunRecord[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit, offset: query.offset };
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.moduleId !== undefined) {
      where.push('module_id = @moduleId');
      params.moduleId = query.moduleId;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { page, count } = this.listStatements(clause);
    const rows = page.all(params);
    const n = count.get(params)?.n ?? 0;
    return { runs: rows.map(toRecord), total: n };
  }

  // Filters combine into at most four WHERE clauses; each pair of statements is prepared once.
  private listStatements(clause: string): ListStatements {
    let statements = this.listCache.get(clause);
    if (statements === undefined) {
      statements = {
        page: this.db.prepare<Record<string, string | number>, RunRow>(
          `SELECT * FROM runs ${clause} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
        ),
        count: this.db.prepare<Record<string, string | number>, { n: number }>(
          `SELECT COUNT(*) AS n FROM runs ${clause}`,
        ),
      };
      this.listCache.set(clause, statements);
    }
    return statements;
  }

  /** How many runs are in each status. */
  countByStatus(): Record<RunStatus, number> {
    const counts: Record<RunStatus, number> = {
      queued: 0,
      running: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const row of this.statements.countByStatus.all()) counts[row.status] = row.n;
    return counts;
  }

  /** Records the process group a run's module leads. */
  saveProcessGroup(runId: string, pgid: number, processStart: string | null): void {
    this.db
      .prepare('UPDATE runs SET pgid = ?, process_start = ? WHERE run_id = ?')
      .run(pgid, processStart, runId);
  }

  /** Process groups of runs a previous process left running. */
  interruptedProcessGroups(): RecordedProcessGroup[] {
    return this.db
      .prepare<[], { run_id: string; pgid: number; process_start: string | null }>(
        `SELECT run_id, pgid, process_start FROM runs WHERE status = 'running' AND pgid IS NOT NULL`,
      )
      .all()
      .map((row) => ({ runId: row.run_id, pgid: row.pgid, processStart: row.process_start }));
  }

  /**
   * Marks runs left queued or running by a previous process as failed, but for `except` (runs
   * this process took over); returns how many.
   */
  failInterrupted(completedAt: string, except: readonly string[] = []): number {
    const keep = new Set(except);
    const unfinished = this.unfinishedRunIds().filter((runId) => !keep.has(runId));
    const fail = this.db.prepare(
      `UPDATE runs SET status = 'failed', error_message = 'interrupted by server restart', completed_at = ?
       WHERE run_id = ? AND status IN ('queued', 'running')`,
    );
    return this.db.transaction(() =>
      unfinished.reduce((changes, runId) => changes + fail.run(completedAt, runId).changes, 0),
    )();
  }

  /** Ids of runs a previous process left queued or running. */
  unfinishedRunIds(): string[] {
    return this.db
      .prepare<[], { run_id: string }>(
        `SELECT run_id FROM runs WHERE status IN ('queued', 'running')`,
      )
      .all()
      .map((row) => row.run_id);
  }

  /** Deletes finished runs completed before `before` (ISO time) and returns their ids. */
  deleteFinishedBefore(before: string): string[] {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare<[string], { run_id: string }>(
          `SELECT run_id FROM runs WHERE status IN ('completed', 'failed', 'cancelled') AND completed_at < ?`,
        )
        .all(before)
        .map((row) => row.run_id);
      const remove = this.db.prepare('DELETE FROM runs WHERE run_id = ?');
      for (const id of ids) remove.run(id);
      return ids;
    })();
  }

  /** A module's saved parameter values, `undefined` when none were saved. */
  getConfig(moduleId: string): SavedConfig | undefined {
    const row = this.statements.getConfig.get(moduleId);
    return row === undefined
      ? undefined
      : {
          parameters: storedParameters(row.parameters),
          updatedAt: isoTime(row.updated_at) ?? new Date(0).toISOString(),
        };
  }

  /** Saves (replacing) a module's parameter values; leave passwords out first. */
  saveConfig(moduleId: string, parameters: ParameterValues, updatedAt: string): void {
    this.statements.saveConfig.run(moduleId, JSON.stringify(parameters), updatedAt);
  }

  /** Forgets a module's config; true when there was one. */
  deleteConfig(moduleId: string): boolean {
    return this.statements.deleteConfig.run(moduleId).changes > 0;
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
