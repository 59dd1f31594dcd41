import { join } from 'node:path';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { runChild } from './child-process.js';
import type { CaseRounds } from './case-comparison.js';
import { CompareError } from './compare-error.js';
import { workerCommand } from './worker-location.js';
import {
  WorkerResultSchema,
  type SideName,
  type WorkerResult,
  type WorkerTask,
} from './worker-protocol.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';

/** One side's benchmark project, checked out and built. */
export interface SideBench {
  side: SideName;
  benchDir: string;
  files: string[];
}

/** How much to measure. */
export interface RoundPlan {
  /** Rounds every selected case gets. */
  rounds: number;
  /** Most rounds an undecided case may get (see {@link measurePairedRounds}). */
  maxRounds: number;
  /** Measuring time per case, side and round, in ns (split into `pairs` slices). */
  timeNs: number;
  /** Alternations per case and round. */
  pairs: number;
}

/**
 * Extra rounds are added this many at a time, an even number so that each side leads as often
 * as the other.
 */
const EXTRA_ROUND_STEP = 4;

/** Everything the rounds measured. */
export interface PairedMeasurement {
  cases: CaseRounds[];
  onlyIn: WorkerResult['onlyIn'];
  failures: WorkerResult['failures'];
}

/** Starts one round; the default spawns the worker as a fresh Node process. */
export type RoundRunner = (task: WorkerTask, cwd: string) => Promise<WorkerResult>;

const runRoundProcess: RoundRunner = async (task, cwd) => {
  const { script, nodeArgs } = workerCommand();
  // Inlined code is charged to the function it was inlined into, at lines of another function
  // or file: profiled without inlining, each function's samples are its own code's.
  const profiling = task.explain ? ['--no-turbo-inlining'] : [];
  const outcome = await runChild(
    process.execPath,
    [...nodeArgs, ...profiling, script, JSON.stringify(task)],
    { cwd },
  );
  if (outcome.code !== 0) {
    const tail = outcome.output.trim().split('\n').slice(-20).join('\n');
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `a measuring round failed (exit ${outcome.code ?? outcome.signal}):\n${tail}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(task.resultPath, 'utf8'));
  } catch (error) {
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `a measuring round left no readable result: ${(error as Error).message}`,
    );
  } finally {
    rmSync(task.resultPath, { force: true });
  }
  const parsed = WorkerResultSchema.safeParse(data);
  if (!parsed.success)
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `a measuring round wrote an invalid result at ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  return parsed.data;
};

function seconds(ms: number): string {
  return ms >= 90_000
    ? `${Math.round(ms / 60_000)} min`
    : `${Math.max(1, Math.round(ms / 1000))} s`;
}

/** A filter that matches exactly the given case ids. */
export function exactIds(ids: readonly string[]): RegExp {
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${escaped.join('|')})$`);
}

/**
 * Lists the cases (after `filter`) each side's bench files register, in one process that loads
 * both sides and measures nothing.
 */
export async function listCases(options: {
  base: SideBench;
  head: SideBench;
  filter?: RegExp;
  tempDir: string;
  runRound?: RoundRunner;
}): Promise<Record<SideName, string[]>> {
  const runRound = options.runRound ?? runRoundProcess;
  const task: WorkerTask = {
    sides: [options.base, options.head],
    sliceNs: 1,
    pairs: 1,
    resultPath: join(options.tempDir, 'list.json'),
    list: true,
    ...(options.filter ? { filter: options.filter.source } : {}),
  };
  const result = await runRound(task, options.head.benchDir);
  if (!result.listed)
    throw new CompareError('COMPARE_MEASURE_FAILED', 'listing the cases returned no list');
  return result.listed;
}

/**
 * Runs the rounds: each a fresh process that loads both sides and alternates them case by case.
 * Which side leads alternates from round to round, so neither always runs first.
 *
 * After `plan.rounds`, the cases `undecided` names — those whose rounds so far point to a change
 * the interval cannot yet confirm — get {@link EXTRA_ROUND_STEP} more rounds at a time, alone,
 * until none is undecided or they reach `plan.maxRounds`. The interval narrows roughly with the
 * square root of the rounds, so a real change close to the threshold is confirmed, while a
 * case that is clearly unchanged (or clearly changed) costs no more than before.
 */
export async function measurePairedRounds(options: {
  project: string;
  base: SideBench;
  head: SideBench;
  filter?: RegExp;
  plan: RoundPlan;
  tempDir: string;
  progress: (line: string) => void;
  /** Ids of the cases more rounds could decide; without it, every case gets `plan.rounds`. */
  undecided?: (measured: readonly CaseRounds[]) => readonly string[];
  now?: () => number;
  runRound?: RoundRunner;
}): Promise<PairedMeasurement> {
  const { plan, progress } = options;
  const now = options.now ?? Date.now;
  const runRound = options.runRound ?? runRoundProcess;
  const byId = new Map<string, CaseRounds>();
  const onlyIn = new Map<string, WorkerResult['onlyIn'][number]>();
  const failures = new Map<string, WorkerResult['failures'][number]>();
  const started = now();
  const located: Record<SideName, SideBench> = { base: options.base, head: options.head };

  const measureRound = async (round: number, filter: RegExp | undefined): Promise<void> => {
    const lead: SideName = round % 2 === 0 ? 'base' : 'head';
    const sides =
      lead === 'base'
        ? ([located.base, located.head] as const)
        : ([located.head, located.base] as const);
    const task: WorkerTask = {
      sides: [sides[0], sides[1]],
      sliceNs: plan.timeNs / plan.pairs,
      pairs: plan.pairs,
      resultPath: join(options.tempDir, `round-${round}.json`),
      ...(filter ? { filter: filter.source } : {}),
    };
    const result = await runRound(task, options.head.benchDir);
    if (round === 0) {
      // Later rounds skip bench files without a selected case: less to load, same cases.
      if (result.files.base.length > 0)
        located.base = { ...located.base, files: result.files.base };
      if (result.files.head.length > 0)
        located.head = { ...located.head, files: result.files.head };
    }
    if (round === 0 && result.cases.length === 0 && result.failures.length === 0) {
      const what = options.filter
        ? `filter ${options.filter} matches no case`
        : 'the bench files register no case';
      throw new CompareError(
        'COMPARE_FILTER_NO_MATCH',
        `${what} present on both sides of ${options.project}`,
      );
    }
    for (const measured of result.cases) {
      if (process.env['PRISMQ_COMPARE_VERBOSE'] === '1')
        progress(
          `  ${measured.id} ${lead}: base ${measured.base.map((t) => t.toFixed(0)).join(' ')} | head ${measured.head.map((t) => t.toFixed(0)).join(' ')}`,
        );
      const entry = byId.get(measured.id) ?? { id: measured.id, rounds: [] };
      entry.rounds.push({
        base: measured.base,
        head: measured.head,
        ...(measured.baseBytes ? { baseBytes: measured.baseBytes } : {}),
        ...(measured.headBytes ? { headBytes: measured.headBytes } : {}),
      });
      byId.set(measured.id, entry);
    }
    for (const only of result.onlyIn) onlyIn.set(only.id, only);
    for (const failure of result.failures) failures.set(`${failure.side}:${failure.id}`, failure);
  };

  for (let round = 0; round < plan.rounds; round++) {
    const elapsed = now() - started;
    const left =
      round === 0
        ? 'estimating time left'
        : `about ${seconds((elapsed / round) * (plan.rounds - round))} left`;
    const lead = round % 2 === 0 ? 'base' : 'head';
    progress(
      `compare ${options.project}: round ${round + 1}/${plan.rounds} (${lead} first), ${left}`,
    );
    await measureRound(round, options.filter);
  }

  let round = plan.rounds;
  const extraStarted = now();
  while (options.undecided && round < plan.maxRounds) {
    // A case that threw on a side has no rounds to add to.
    const ids = options.undecided([...byId.values()]).filter((id) => byId.has(id));
    if (ids.length === 0) break;
    const step = Math.min(EXTRA_ROUND_STEP, plan.maxRounds - round);
    for (let i = 0; i < step; i++, round++) {
      const extra = round - plan.rounds;
      const left =
        extra === 0
          ? 'estimating time left'
          : `at most about ${seconds(((now() - extraStarted) / extra) * (plan.maxRounds - round))} left`;
      const lead = round % 2 === 0 ? 'base' : 'head';
      progress(
        `compare ${options.project}: extra round ${round + 1} (of at most ${plan.maxRounds}) for ${ids.length} undecided case${ids.length === 1 ? '' : 's'} (${lead} first), ${left}`,
      );
      await measureRound(round, exactIds(ids));
    }
  }
  progress(`compare ${options.project}: ${round} rounds in ${seconds(now() - started)}`);
  return {
    cases: [...byId.values()],
    onlyIn: [...onlyIn.values()],
    failures: [...failures.values()],
  };
}

/** How the explaining round profiles. */
export interface ExplainPlan {
  /** Measuring time of one slice, in ns (the rounds' slice). */
  sliceNs: number;
  /** Slices per side and case under the profiler. */
  slices: number;
  sampleIntervalUs: number;
  /** No case is started after this many ms. */
  budgetMs: number;
}

/**
 * Profiles the cases `ids` (in that order, until the budget is spent) in one more round: a
 * fresh process that loads both sides, warms each case up as a measuring round does, then runs
 * its alternations with each side's thread under its own CPU profiler.
 * @returns each profiled case's `.cpuprofile` per side (in `tempDir`), and the cases that threw
 */
export async function profileCases(options: {
  base: SideBench;
  head: SideBench;
  ids: readonly string[];
  plan: ExplainPlan;
  tempDir: string;
  runRound?: RoundRunner;
}): Promise<Pick<WorkerResult, 'failures'> & { profiles: NonNullable<WorkerResult['profiles']> }> {
  const runRound = options.runRound ?? runRoundProcess;
  const profileDir = join(options.tempDir, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const task: WorkerTask = {
    sides: [options.head, options.base],
    sliceNs: options.plan.sliceNs,
    pairs: options.plan.slices,
    resultPath: join(options.tempDir, 'explain.json'),
    filter: exactIds(options.ids).source,
    explain: {
      ids: [...options.ids],
      slices: options.plan.slices,
      sampleIntervalUs: options.plan.sampleIntervalUs,
      budgetMs: options.plan.budgetMs,
      profileDir,
    },
  };
  const result = await runRound(task, options.head.benchDir);
  return { profiles: result.profiles ?? [], failures: result.failures };
}
