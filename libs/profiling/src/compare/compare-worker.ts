/**
 * One round of `prismq-bench compare`, in a fresh process started with `--expose-gc` and tsx.
 * Each side runs in a worker thread of its own — a separate V8 isolate, so the two versions
 * share no JIT feedback, heap or module instances — and loads its bench files against its own
 * build of the libraries. This thread asks them in turn to measure one slice of a case (ABBA):
 * both sides run milliseconds apart on the same process and core, never at the same time, so
 * whatever the machine does meanwhile affects both alike. The task arrives as JSON in argv[2];
 * the result is written to the task's `resultPath`.
 */
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CpuProfile } from '../profilers/cpu-profile.js';
import { postInspector } from '../profilers/inspector-session.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import {
  SideCases,
  type FileCases,
  type SliceMeasurement,
  type SliceRequest,
} from './side-thread.js';
import {
  WorkerTaskSchema,
  type FunctionPosition,
  type RoundCase,
  type SideName,
  type WorkerResult,
  type WorkerTask,
} from './worker-protocol.js';

/** Most warm-up slices per side before the measured alternations. */
const MAX_WARM_SLICES = 4;
/** A warm-up slice this much faster than the one before means the JIT is still improving the code. */
const WARM_TOLERANCE = 0.02;

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

type Reply = { ok: true; value: unknown } | { ok: false; message: string };

/** A side's worker thread, asked one thing at a time. */
class SideThread {
  private pending: ((reply: Reply) => void) | undefined;
  private failure: Error | undefined;

  constructor(
    readonly side: SideName,
    private readonly worker: Worker,
  ) {
    worker.on('message', (reply: Reply) => {
      const resolve = this.pending;
      this.pending = undefined;
      resolve?.(reply);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      this.pending?.({ ok: false, message: error.message });
      this.pending = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ${side} side's thread exited (${code})`)));
  }

  ask(request: SideRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = (reply) =>
        reply.ok ? resolve(reply.value) : reject(new SliceFailure(this.side, reply.message));
      this.worker.postMessage(request);
    });
  }
}

/** A case that threw on one side. */
class SliceFailure extends Error {
  constructor(
    readonly side: SideName,
    message: string,
  ) {
    super(message);
  }
}

type SideRequest =
  | { type: 'files' }
  | ({ type: 'measure' } & SliceRequest)
  | { type: 'profile-start'; sampleIntervalUs: number }
  | { type: 'profile-stop'; path: string; id: string };

type ProfileFile = NonNullable<WorkerResult['profiles']>[number]['base'];

/** One case's slices in one round, both sides, by pair. */
interface CaseSlices {
  ns: Record<SideName, number[]>;
  bytes: Record<SideName, (number | null)[]>;
}

/** Starts and stops a side's profiler around its slices. */
interface SliceProfiler {
  start(side: SideName): Promise<void>;
  stop(side: SideName): Promise<void>;
}

/**
 * Profiled slices run in this many blocks per side, alternating ABBA between the sides, so that
 * a burst of other load on the machine lands on both.
 */
const PROFILE_BLOCKS = 8;

/**
 * Warms a case up on both sides, then runs its alternations (ABBA). With `profiler`, the sides
 * alternate in blocks of slices instead, each block under its side's profiler with the other
 * side's stopped: a sampler thread that runs while its side waits takes a core from the side
 * that runs, and on a small machine slows it by a quarter.
 */
async function runCaseSlices(
  id: string,
  order: readonly [SideName, SideName],
  threads: Readonly<Record<SideName, SideThread>>,
  task: WorkerTask,
  wantedPairs: number,
  profiler?: SliceProfiler,
): Promise<CaseSlices> {
  const started = new Set<SideName>();
  const slice = async (side: SideName, batchSamples: number): Promise<SliceMeasurement> => {
    const collectFirst = !started.has(side);
    started.add(side);
    return (await threads[side].ask({
      type: 'measure',
      id,
      sliceNs: task.sliceNs,
      batchSamples,
      collectFirst,
    })) as SliceMeasurement;
  };
  // Warm-up, alternating, until each side's last slice is no faster than its one before: the JIT
  // compiles in the background, late on a busy machine, and a side measured before its
  // optimised code arrives would look slower than it is.
  const warm: Record<SideName, number[]> = { base: [], head: [] };
  // A case whose one iteration outlasts a slice has run its code many times over by then.
  const settled = (times: readonly number[]): boolean =>
    (times.length >= 1 && times[0]! >= task.sliceNs) ||
    (times.length >= 2 &&
      times[times.length - 1]! >= times[times.length - 2]! * (1 - WARM_TOLERANCE));
  for (
    let step = 0;
    step < MAX_WARM_SLICES && !(settled(warm.base) && settled(warm.head));
    step++
  ) {
    for (const side of order) warm[side].push((await slice(side, 16)).ns);
  }
  const first = Math.min(...warm[order[0]]);
  const second = Math.min(...warm[order[1]]);
  const batchSamples = batchFor(Math.min(first, second));
  // A case slower than its time budget gets fewer (never under 3) alternations, so that one slow
  // case cannot stretch the round.
  const affordable = Math.floor((task.sliceNs * wantedPairs) / Math.max(first, second, 1));
  const pairs = Math.max(MIN_PAIRS, Math.min(wantedPairs, affordable));
  const measured: CaseSlices = { ns: { base: [], head: [] }, bytes: { base: [], head: [] } };
  if (profiler) {
    const perBlock = Math.max(1, Math.ceil(pairs / PROFILE_BLOCKS));
    for (let block = 0; block * perBlock < pairs; block++) {
      const sides = block % 2 === 0 ? order : ([order[1], order[0]] as const);
      for (const side of sides) {
        await profiler.start(side);
        for (let k = 0; k < perBlock && block * perBlock + k < pairs; k++) {
          const { ns, bytes } = await slice(side, batchSamples);
          measured.ns[side].push(ns);
          measured.bytes[side].push(bytes);
        }
        await profiler.stop(side);
      }
    }
    return measured;
  }
  for (let pair = 0; pair < pairs; pair++) {
    const sides = pair % 2 === 0 ? order : ([order[1], order[0]] as const);
    for (const side of sides) {
      const { ns, bytes } = await slice(side, batchSamples);
      measured.ns[side].push(ns);
      measured.bytes[side].push(bytes);
    }
  }
  return measured;
}

async function measureCase(
  id: string,
  order: readonly [SideName, SideName],
  threads: Readonly<Record<SideName, SideThread>>,
  task: WorkerTask,
): Promise<RoundCase> {
  const { ns, bytes } = await runCaseSlices(id, order, threads, task, task.pairs);
  return { id, base: ns.base, head: ns.head, baseBytes: bytes.base, headBytes: bytes.head };
}

/**
 * Profiles one case on both sides: warmed up as in a measuring round, then each side's thread
 * runs its blocks of slices under its own isolate's CPU profiler, writing a profile per block.
 */
async function profileCase(
  id: string,
  index: number,
  order: readonly [SideName, SideName],
  threads: Readonly<Record<SideName, SideThread>>,
  task: WorkerTask,
  explain: NonNullable<WorkerTask['explain']>,
): Promise<NonNullable<WorkerResult['profiles']>[number]> {
  const files = {
    base: { paths: [], sliceNs: [] },
    head: { paths: [], sliceNs: [] },
  } as Record<SideName, ProfileFile>;
  const { ns } = await runCaseSlices(id, order, threads, task, explain.slices, {
    start: async (side) => {
      await threads[side].ask({
        type: 'profile-start',
        sampleIntervalUs: explain.sampleIntervalUs,
      });
    },
    stop: async (side) => {
      const path = join(
        explain.profileDir,
        `case-${index}.${side}.${files[side].paths.length}.cpuprofile`,
      );
      const written = (await threads[side].ask({ type: 'profile-stop', path, id })) as {
        caseFunction?: FunctionPosition;
      };
      files[side].paths.push(path);
      if (written.caseFunction) files[side].caseFunction = written.caseFunction;
    },
  });
  for (const side of order) files[side] = { ...files[side], sliceNs: ns[side] };
  return { id, ...files };
}

function startSide(side: WorkerTask['sides'][number], profiling: boolean): SideThread {
  // Threads do not inherit the tsx loader: the thread registers it, then loads this file (in the
  // role of a side) and, through it, the TypeScript bench files.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => tsx.register())
    .then(() => import(${JSON.stringify(import.meta.url)}));`;
  return new SideThread(
    side.side,
    new Worker(bootstrap, { eval: true, workerData: { ...side, profiling } }),
  );
}

async function runRound(): Promise<void> {
  const task = WorkerTaskSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const filter = task.filter === undefined ? undefined : new RegExp(task.filter);
  const order = [task.sides[0].side, task.sides[1].side] as const;
  const threads = {
    [order[0]]: startSide(task.sides[0], task.explain !== undefined),
    [order[1]]: startSide(task.sides[1], task.explain !== undefined),
  } as Record<SideName, SideThread>;
  const ids = {} as Record<SideName, string[]>;
  const result: WorkerResult = {
    cases: [],
    onlyIn: [],
    failures: [],
    files: { base: [], head: [] },
  };
  for (const side of order) {
    const files = (await threads[side].ask({ type: 'files' })) as FileCases[];
    ids[side] = [...new Set(files.flatMap((entry) => entry.ids))].filter(
      (id) => !filter || filter.test(id),
    );
    result.files[side] = files
      .filter((entry) => entry.ids.some((id) => ids[side].includes(id)))
      .map((entry) => entry.file);
  }
  for (const side of order) {
    const other = ids[side === 'base' ? 'head' : 'base'];
    for (const id of ids[side]) if (!other.includes(id)) result.onlyIn.push({ id, side });
  }
  if (task.list) {
    writeFileAtomic(task.resultPath, `${JSON.stringify({ ...result, listed: ids })}\n`);
    return;
  }
  const common = ids.base.filter((candidate) => ids.head.includes(candidate));
  if (task.explain) {
    result.profiles = [];
    const started = Date.now();
    const wanted = task.explain.ids.filter((id) => common.includes(id));
    for (const [index, id] of wanted.entries()) {
      if (Date.now() - started >= task.explain.budgetMs) break;
      try {
        result.profiles.push(await profileCase(id, index, order, threads, task, task.explain));
      } catch (error) {
        result.failures.push(caseFailure(id, error, order));
      }
    }
    writeFileAtomic(task.resultPath, `${JSON.stringify(result)}\n`);
    return;
  }
  for (const id of common) {
    try {
      const measured = await measureCase(id, order, threads, task);
      if ([...measured.base, ...measured.head].every((time) => time > 0))
        result.cases.push(measured);
      else
        result.failures.push({
          id,
          side: order[0],
          message: 'measured 0 ns per iteration: the case does no work the timer can see',
        });
    } catch (error) {
      result.failures.push(caseFailure(id, error, order));
    }
  }
  writeFileAtomic(task.resultPath, `${JSON.stringify(result)}\n`);
}

/** A case that threw: on the side whose slice threw, else on the side that leads. */
function caseFailure(
  id: string,
  error: unknown,
  order: readonly [SideName, SideName],
): WorkerResult['failures'][number] {
  return {
    id,
    side: error instanceof SliceFailure ? error.side : order[0],
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Where V8 says a function starts — the `[[FunctionLocation]]` the inspector reports, in the
 * script ids and positions of the profile's call frames — or undefined if it cannot say.
 */
function functionPosition(fn: unknown): FunctionPosition | undefined {
  const slot = '__prismqCaseFunction';
  const global = globalThis as Record<string, unknown>;
  global[slot] = fn;
  try {
    const { result } = postInspector<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `globalThis.${slot}`,
    });
    if (!result.objectId) return undefined;
    const { internalProperties } = postInspector<{
      internalProperties?: { name: string; value?: { value?: unknown } }[];
    }>('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    postInspector('Runtime.releaseObject', { objectId: result.objectId });
    const location = internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value
      ?.value as FunctionPosition | undefined;
    return location &&
      typeof location.scriptId === 'string' &&
      Number.isInteger(location.lineNumber) &&
      Number.isInteger(location.columnNumber)
      ? {
          scriptId: location.scriptId,
          lineNumber: location.lineNumber,
          columnNumber: location.columnNumber,
        }
      : undefined;
  } catch {
    return undefined;
  } finally {
    delete global[slot];
  }
}

async function serveSide(): Promise<void> {
  const side = workerData as WorkerTask['sides'][number] & { profiling: boolean };
  const port = parentPort!;
  let warmedUp = false;
  if (side.profiling) {
    // Before any bench code is compiled, so that V8 keeps detailed source positions for all of
    // it, and the first profile's sampler set-up (charged to its first sample) is out of the way.
    postInspector('Profiler.enable');
    postInspector('Profiler.start');
    postInspector('Profiler.stop');
    warmedUp = true;
  }
  let cases: SideCases | undefined;
  let loadError: unknown;
  try {
    cases = await SideCases.load(side.benchDir, side.files);
  } catch (error) {
    loadError = error;
  }
  port.on('message', (request: SideRequest) => {
    const answer = async (): Promise<unknown> => {
      if (!cases) throw loadError;
      switch (request.type) {
        case 'files':
          return cases.files();
        case 'measure':
          return cases.measureSlice(request);
        case 'profile-start':
          // The inspector session of a worker thread profiles that thread's isolate alone.
          postInspector('Profiler.enable');
          postInspector('Profiler.setSamplingInterval', { interval: request.sampleIntervalUs });
          if (!warmedUp) {
            // V8's first profile charges its sampler's set-up to the first sample.
            postInspector('Profiler.start');
            postInspector('Profiler.stop');
            warmedUp = true;
          }
          postInspector('Profiler.start');
          return true;
        case 'profile-stop': {
          const { profile } = postInspector<{ profile: CpuProfile }>('Profiler.stop');
          writeFileAtomic(request.path, JSON.stringify(profile));
          const caseFunction = functionPosition(cases.caseFunction(request.id));
          return caseFunction ? { caseFunction } : {};
        }
      }
    };
    answer().then(
      (value) => port.postMessage({ ok: true, value }),
      (error: unknown) =>
        port.postMessage({
          ok: false,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
}

if (isMainThread) {
  // Bench files may leave timers or sockets open: the round is over once its result is written.
  runRound().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `compare round: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(3);
    },
  );
} else {
  void serveSide();
}
