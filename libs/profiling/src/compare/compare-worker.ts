/**
 * One round of `prismq-bench compare`, in a fresh process started with `--expose-gc` and tsx:
 * loads both sides' bench files (each against its own build of the libraries), then measures
 * every case alternately on both sides (ABBA), so that whatever the machine does meanwhile
 * affects both sides alike. The task arrives as JSON in argv[2]; the result is written to the
 * task's `resultPath`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../atomic-write.js';
import { caseId } from '../benchmark-case-builder.js';
import { WorkerTaskSchema, type RoundCase, type SideName, type WorkerResult, type WorkerTask } from './worker-protocol.js';

/** The parts of a mitata `B` (one `bench()` call) the worker reads. */
interface TrialInternals {
  f: (...args: unknown[]) => unknown;
  _args: Record<string, unknown[]>;
  _name: string;
  _gc: boolean | 'once' | 'inner';
}

interface MitataStats {
  p50: number;
}

type Measure = (f: TrialInternals['f'], options: Record<string, unknown>) => Promise<MitataStats>;

interface MitataModule {
  B: { prototype: { name: (this: TrialInternals, ...args: unknown[]) => unknown } };
  measure: Measure;
}

interface MeasurableCase {
  id: string;
  trial: TrialInternals;
  args: Record<string, unknown>;
  measure: Measure;
}

/** Argument combinations of a trial, in mitata's order, with the names mitata gives them. */
function expand(trial: TrialInternals): { name: string; args: Record<string, unknown> }[] {
  const keys = Object.keys(trial._args);
  let combos: Record<string, unknown>[] = [{}];
  for (const key of keys.slice().reverse()) {
    combos = (trial._args[key] ?? []).flatMap((value) => combos.map((partial) => ({ [key]: value, ...partial })));
  }
  return combos.map((args) => {
    let name = trial._name;
    for (const key of keys) name = name.replaceAll(`$${key}`, String(args[key]));
    return { name, args };
  });
}

async function loadSide(side: WorkerTask['sides'][number]): Promise<Map<string, MeasurableCase>> {
  // The mitata the side's bench files import: trials are caught as they are created, so the
  // two sides' trials stay apart even when both load the same mitata.
  const mitataPath = createRequire(join(side.benchDir, 'package.json')).resolve('mitata');
  const mitata = (await import(pathToFileURL(mitataPath).href)) as MitataModule;
  const created = new Set<TrialInternals>();
  const prototype = mitata.B.prototype;
  const original = prototype.name;
  prototype.name = function (this: TrialInternals, ...args: unknown[]) {
    created.add(this);
    return original.apply(this, args);
  };
  try {
    for (const file of side.files) await import(pathToFileURL(file).href);
  } finally {
    prototype.name = original;
  }
  const cases = new Map<string, MeasurableCase>();
  for (const trial of created) {
    const runs = expand(trial);
    const kind = Object.keys(trial._args).length === 0 ? 'static' : 'args';
    for (const run of runs) {
      const id = caseId({ alias: trial._name, kind }, run);
      if (!cases.has(id)) cases.set(id, { id, trial, args: run.args, measure: mitata.measure });
    }
  }
  return cases;
}

interface SliceBudget {
  sliceNs: number;
  batchSamples: number;
}

/** A case that threw on one side. */
class SideFailure extends Error {
  constructor(
    readonly side: SideName,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function measureSlice(side: SideName, c: MeasurableCase, budget: SliceBudget): Promise<number> {
  try {
    const stats = await c.measure(c.trial.f, {
      args: c.args,
      min_cpu_time: budget.sliceNs,
      min_samples: 1,
      batch_samples: budget.batchSamples,
      inner_gc: c.trial._gc === 'inner',
      gc: c.trial._gc ? undefined : false,
    });
    return stats.p50;
  } catch (error) {
    throw new SideFailure(side, error);
  }
}

/** Fewest alternations per case and round, however slow the case. */
const MIN_PAIRS = 3;

/** Length of one sample of a fast case, in ns: a batch of iterations this long. */
const SAMPLE_NS = 100_000;

/**
 * Iterations per sample for a fast case. Short samples matter on a busy machine: a sample the
 * scheduler interrupts is spoiled, and the shorter the samples the fewer are, so the median
 * of a slice stays clean.
 */
function batchFor(nsPerIteration: number): number {
  const wanted = Math.floor(SAMPLE_NS / Math.max(nsPerIteration, 1));
  return Math.max(4, Math.min(4096, wanted - (wanted % 4)));
}

async function measureCase(
  order: readonly [SideName, SideName],
  cases: Readonly<Record<SideName, MeasurableCase>>,
  task: WorkerTask,
): Promise<RoundCase> {
  // Warm-up slice per side: lets the JIT settle and tells how long one iteration takes.
  const warm = { sliceNs: task.sliceNs, batchSamples: 16 };
  const first = await measureSlice(order[0], cases[order[0]], warm);
  const second = await measureSlice(order[1], cases[order[1]], warm);
  const budget = { sliceNs: task.sliceNs, batchSamples: batchFor(Math.min(first, second)) };
  // A case slower than its time budget gets fewer (never under 3) alternations, so that one slow
  // case cannot stretch the round.
  const affordable = Math.floor((task.sliceNs * task.pairs) / Math.max(first, second, 1));
  const pairs = Math.max(MIN_PAIRS, Math.min(task.pairs, affordable));
  const times: Record<SideName, number[]> = { base: [], head: [] };
  for (let pair = 0; pair < pairs; pair++) {
    const sides = pair % 2 === 0 ? order : ([order[1], order[0]] as const);
    for (const side of sides) times[side].push(await measureSlice(side, cases[side], budget));
  }
  return { id: cases.base.id, base: times.base, head: times.head };
}

async function main(): Promise<void> {
  const task = WorkerTaskSchema.parse(JSON.parse(process.argv[2] ?? readFileSync(0, 'utf8')));
  const filter = task.filter === undefined ? undefined : new RegExp(task.filter);
  const loaded = {} as Record<SideName, Map<string, MeasurableCase>>;
  for (const side of task.sides) loaded[side.side] = await loadSide(side);
  const order = [task.sides[0].side, task.sides[1].side] as const;
  const selected = (side: SideName) => [...loaded[side].keys()].filter((id) => !filter || filter.test(id));
  const result: WorkerResult = { cases: [], onlyIn: [], failures: [] };
  for (const side of order) {
    const other = side === 'base' ? 'head' : 'base';
    for (const id of selected(side)) if (!loaded[other].has(id)) result.onlyIn.push({ id, side });
  }
  for (const id of selected('base')) {
    const head = loaded.head.get(id);
    const base = loaded.base.get(id);
    if (!head || !base) continue;
    try {
      const measured = await measureCase(order, { base, head }, task);
      if ([...measured.base, ...measured.head].every((time) => time > 0)) result.cases.push(measured);
      else result.failures.push({ id, side: 'base', message: 'measured 0 ns per iteration: the case does no work the timer can see' });
    } catch (error) {
      const side = error instanceof SideFailure ? error.side : order[0];
      result.failures.push({ id, side, message: error instanceof Error ? error.message : String(error) });
    }
  }
  writeFileAtomic(task.resultPath, `${JSON.stringify(result)}\n`);
}

// Bench files may leave timers or sockets open: the round is over once its result is written.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`compare worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
