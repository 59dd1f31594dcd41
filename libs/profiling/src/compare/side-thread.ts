import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { caseId } from '../runner/benchmark-case-builder.js';

/** The parts of a mitata `B` (one `bench()` call) a side reads. */
interface TrialInternals {
  f: (...args: unknown[]) => unknown;
  _args: Record<string, unknown[]>;
  _name: string;
  _gc: boolean | 'once' | 'inner';
}

type Measure = (
  f: TrialInternals['f'],
  options: Record<string, unknown>,
) => Promise<{ p50: number; heap?: { avg: number } }>;

interface MitataModule {
  B: { prototype: { name: (this: TrialInternals, ...args: unknown[]) => unknown } };
  measure: Measure;
}

interface MeasurableCase {
  trial: TrialInternals;
  args: Record<string, unknown>;
}

/** What one slice measured: median time and mean heap growth per iteration. */
export interface SliceMeasurement {
  ns: number;
  /** Null when every sample of the slice saw the heap shrink (a collection ran). */
  bytes: number | null;
}

/**
 * The heap in use, as mitata reads it for its own allocation figures, so that a compare and a
 * bench run report the same bytes.
 */
function heapInUse(): number {
  const stats = getHeapStatistics();
  return stats.used_heap_size + stats.malloced_memory;
}

/** The case ids one bench file registered. */
export interface FileCases {
  file: string;
  ids: string[];
}

/** How one slice is measured. */
export interface SliceRequest {
  id: string;
  sliceNs: number;
  /** Iterations per sample of a fast case. */
  batchSamples: number;
  /** Collect garbage before measuring (the case's first slice). */
  collectFirst: boolean;
}

/** Argument combinations of a trial, in mitata's order, with the names mitata gives them. */
function expand(trial: TrialInternals): { name: string; args: Record<string, unknown> }[] {
  const keys = Object.keys(trial._args);
  let combos: Record<string, unknown>[] = [{}];
  for (const key of keys.slice().reverse()) {
    combos = (trial._args[key] ?? []).flatMap((value) =>
      combos.map((partial) => ({ [key]: value, ...partial })),
    );
  }
  return combos.map((args) => {
    let name = trial._name;
    for (const key of keys) name = name.replaceAll(`$${key}`, String(args[key]));
    return { name, args };
  });
}

/**
 * One side's cases, loaded from its bench files with the mitata those files import (resolved
 * from the side's benchmark project), so trials are seen as the files create them.
 */
export class SideCases {
  /** Per batch size, the bytes per iteration the measuring loop itself shows around an empty case. */
  private readonly loopBytes = new Map<number, number>();

  private constructor(
    private readonly cases: ReadonlyMap<string, MeasurableCase>,
    private readonly fileCases: readonly FileCases[],
    private readonly measure: Measure,
  ) {}

  /**
   * What the measuring loop's own bookkeeping adds to the heap per iteration at this batch
   * size (its timestamps and sample records), measured once around an empty function: the
   * figure a case that allocates nothing would show, taken off every slice's figure.
   */
  private async loopBytesFor(batchSamples: number): Promise<number> {
    let bytes = this.loopBytes.get(batchSamples);
    if (bytes === undefined) {
      const stats = await this.measure(() => undefined, {
        min_cpu_time: 2e6,
        min_samples: 16,
        batch_samples: batchSamples,
        heap: heapInUse,
        gc: false,
      });
      bytes = Number.isFinite(stats.heap?.avg) ? Math.max(0, stats.heap!.avg) : 0;
      this.loopBytes.set(batchSamples, bytes);
    }
    return bytes;
  }

  static async load(benchDir: string, files: readonly string[]): Promise<SideCases> {
    const mitataPath = createRequire(join(benchDir, 'package.json')).resolve('mitata');
    const mitata = (await import(pathToFileURL(mitataPath).href)) as MitataModule;
    const created = new Set<TrialInternals>();
    const prototype = mitata.B.prototype;
    const original = prototype.name;
    prototype.name = function (this: TrialInternals, ...args: unknown[]) {
      created.add(this);
      return original.apply(this, args);
    };
    const cases = new Map<string, MeasurableCase>();
    const fileCases: FileCases[] = [];
    try {
      for (const file of files) {
        created.clear();
        await import(pathToFileURL(file).href);
        const ids: string[] = [];
        for (const trial of created) {
          const kind = Object.keys(trial._args).length === 0 ? 'static' : 'args';
          for (const run of expand(trial)) {
            const id = caseId({ alias: trial._name, kind }, run);
            ids.push(id);
            if (!cases.has(id)) cases.set(id, { trial, args: run.args });
          }
        }
        fileCases.push({ file, ids });
      }
    } finally {
      prototype.name = original;
    }
    return new SideCases(cases, fileCases, mitata.measure);
  }

  /** The function a case's iterations call (what its profile is about). */
  caseFunction(id: string): unknown {
    return this.cases.get(id)?.trial.f;
  }

  /** The cases each bench file registered. */
  files(): readonly FileCases[] {
    return this.fileCases;
  }

  /**
   * Median time per iteration (ns) of one slice, measured by mitata with this budget, and the
   * heap bytes one iteration allocates, from the same samples.
   */
  async measureSlice(request: SliceRequest): Promise<SliceMeasurement> {
    const c = this.cases.get(request.id);
    if (!c) throw new Error(`no case ${request.id}`);
    const stats = await this.measure(c.trial.f, {
      args: c.args,
      min_cpu_time: request.sliceNs,
      min_samples: 1,
      batch_samples: request.batchSamples,
      inner_gc: c.trial._gc === 'inner',
      heap: heapInUse,
      // A full collection before every slice would cost more than the slice on a large heap;
      // only the first slice of a case starts from a collected heap; a case set to gc('inner') keeps its own.
      gc:
        c.trial._gc === 'inner' || (request.collectFirst && c.trial._gc !== false)
          ? undefined
          : false,
    });
    const bytes = stats.heap?.avg;
    if (bytes === undefined || !Number.isFinite(bytes)) return { ns: stats.p50, bytes: null };
    const loop = await this.loopBytesFor(request.batchSamples);
    return { ns: stats.p50, bytes: Math.max(0, bytes - loop) };
  }
}
