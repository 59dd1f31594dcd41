import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CompareVerdictSchema, type CompareDocument } from '../results/compare-document-schema.js';
import {
  CASE_ID_PATTERN,
  type BenchmarkEnvironment,
  type BenchmarkRun,
} from '../results/result-schema.js';
import { historyPath } from '../results/reports-layout.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';

/** Version of one history line; readers skip (and flag) lines of versions they do not know. */
export const HISTORY_SCHEMA_VERSION = 1 as const;

/** The machine a history entry was measured on; entries are comparable only on an equal one. */
export const MachineFingerprintSchema = z.object({
  cpuModel: z.string(),
  cpuCount: z.number().int().positive(),
  os: z.string(),
  node: z.string(),
  v8: z.string(),
  /** GPU models, in the order `nvidia-smi` lists them; empty where there is none or no `nvidia-smi`. */
  gpus: z.array(z.string()),
});
/** The machine a history entry was measured on. */
export type MachineFingerprint = z.infer<typeof MachineFingerprintSchema>;

/**
 * What `low`/`high` of an entry are: `p25-p75` — the 25th and 75th percentile of the run's
 * per-iteration times; `ratio-ci` — the paired comparison's confidence interval of the
 * head/base ratio, multiplied by the base median (so it is in ns like `p50`).
 */
export const HistoryIntervalKindSchema = z.enum(['p25-p75', 'ratio-ci']);

/** One case of one benchmark run (or paired comparison): one line of `reports/history/<project>.jsonl`. */
export const HistoryEntrySchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  project: z.string().min(1),
  id: z.string().regex(CASE_ID_PATTERN, 'case id must look like <module>/<group>/<case>'),
  /** Median time per iteration, ns. */
  p50: z.number().nonnegative(),
  interval: z.object({
    kind: HistoryIntervalKindSchema,
    low: z.number().nonnegative(),
    high: z.number().nonnegative(),
  }),
  commit: z.string().nullable(),
  dirty: z.boolean().nullable(),
  /** When the run started (ISO 8601). */
  date: z.iso.datetime(),
  machine: MachineFingerprintSchema,
  /** `run` for a `prismq-bench` run, `compare` for the head side of a paired comparison. */
  source: z.enum(['run', 'compare']),
  /** The paired comparison's verdict against its base; only on `compare` entries. */
  verdict: CompareVerdictSchema.optional(),
  /** Base commit of a `compare` entry. */
  baseCommit: z.string().optional(),
});
/** One line of a benchmark history file. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A history line that was skipped, and why. */
export interface HistoryProblem {
  /** 1-based line number. */
  line: number;
  /** What was wrong with it. */
  problem: string;
}

/** What {@link readBenchmarkHistory} found. */
export interface BenchmarkHistory {
  /** Valid entries, in file order (oldest first). */
  entries: HistoryEntry[];
  /** Lines that were skipped: not JSON or not a history entry. */
  problems: HistoryProblem[];
  /** The file ends in an unfinished line (a writer died mid-write); it is among `problems`. */
  tornTail: boolean;
}

/** The fingerprint of the machine a run or comparison reports. */
export function machineFingerprint(environment: BenchmarkEnvironment): MachineFingerprint {
  return {
    cpuModel: environment.cpuModel,
    cpuCount: environment.cpuCount,
    os: environment.os,
    node: environment.nodeVersion,
    v8: environment.v8Version,
    gpus: (environment.gpus ?? []).map((gpu) => gpu.model),
  };
}

/** One `run` entry per case of a benchmark run (interval: p25–p75 of its iteration times). */
export function historyEntriesOfRun(run: BenchmarkRun): HistoryEntry[] {
  const machine = machineFingerprint(run.environment);
  return run.cases.map((c) => ({
    schemaVersion: HISTORY_SCHEMA_VERSION,
    project: run.project,
    id: c.id,
    p50: c.stats.p50,
    interval: { kind: 'p25-p75', low: c.stats.p25, high: c.stats.p75 },
    commit: run.environment.gitCommit,
    dirty: run.environment.gitDirty,
    date: run.startedAt,
    machine,
    source: 'run',
  }));
}

/**
 * One `compare` entry per case of a paired comparison: the head side's median, the ratio's
 * confidence interval scaled by the base median, and the case's verdict.
 */
export function historyEntriesOfComparison(document: CompareDocument): HistoryEntry[] {
  const machine = machineFingerprint(document.environment);
  return document.cases.map((c) => ({
    schemaVersion: HISTORY_SCHEMA_VERSION,
    project: document.project,
    id: c.id,
    p50: c.headP50,
    interval: { kind: 'ratio-ci', low: c.baseP50 * c.low, high: c.baseP50 * c.high },
    commit: document.head.commit,
    dirty: document.head.dirty,
    date: document.createdAt,
    machine,
    source: 'compare',
    verdict: c.verdict,
    baseCommit: document.base.commit,
  }));
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/**
 * Appends entries to a history file as whole lines in one `write` on a file opened with
 * O_APPEND, so concurrent writers never interleave inside a line. After a torn line (a writer
 * that died mid-write) a newline is written first, so the torn line stays the only bad one.
 * Each entry is validated before anything is written. Missing folders are created.
 */
export function appendBenchmarkHistory(path: string, entries: readonly HistoryEntry[]): void {
  if (entries.length === 0) return;
  const lines = entries.map((entry) => JSON.stringify(HistoryEntrySchema.parse(entry))).join('\n');
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a+');
  try {
    writeSync(fd, `${endsWithNewline(fd) ? '' : '\n'}${lines}\n`);
  } finally {
    closeSync(fd);
  }
}

/** `<outDir>/../history/<project>.jsonl`: the history file next to a runner's output folder. */
export function benchmarkHistoryPath(outDir: string, project: string): string {
  return historyPath(join(outDir, '..'), project);
}

/** Appends a run's cases to the history next to the runner's output folder; quick runs are not history. */
export function appendRunToHistory(outDir: string, run: BenchmarkRun): void {
  if (!run.quick)
    appendBenchmarkHistory(benchmarkHistoryPath(outDir, run.project), historyEntriesOfRun(run));
}

/** Parses the text of a history file; see {@link readBenchmarkHistory}. */
function parseBenchmarkHistory(text: string): BenchmarkHistory {
  const lines = text.split('\n');
  const torn = lines.at(-1) !== '';
  if (!torn) lines.pop();
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  let tornTail = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const last = torn && index === lines.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      if (last) tornTail = true;
      problems.push({
        line: index + 1,
        problem: last ? 'unfinished last line (torn write)' : 'not valid JSON',
      });
      return;
    }
    const parsed = HistoryEntrySchema.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
    else {
      problems.push({
        line: index + 1,
        problem: formatValidationIssue(firstIssue(parsed.error), '(line)'),
      });
    }
  });
  return { entries, problems, tornTail };
}

/**
 * Reads a benchmark history file (JSON lines). Lines that are not valid entries are skipped
 * and listed in `problems`; an unfinished last line also sets `tornTail`. A missing file is an
 * empty history.
 */
export function readBenchmarkHistory(path: string): BenchmarkHistory {
  if (!existsSync(path)) return { entries: [], problems: [], tornTail: false };
  return parseBenchmarkHistory(readFileSync(path, 'utf8'));
}
