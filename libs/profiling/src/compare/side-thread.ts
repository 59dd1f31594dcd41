import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
) => Promise<{ p50: number }>;

interface MitataModule {
  B: { prototype: { name: (this: TrialInternals, ...args: unknown[]) => unknown } };
  measure: Measure;
}

interface MeasurableCase {
  trial: TrialInternals;
  args: Record<string, unknown>;
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
  private constructor(
    private readonly cases: ReadonlyMap<string, MeasurableCase>,
    private readonly fileCases: readonly FileCases[],
    private readonly measure: Measure,
  ) {}

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

  /** The cases each bench file registered. */
  files(): readonly FileCases[] {
    return this.fileCases;
  }

  /** Median time per iteration (ns) of one slice, measured by mitata with this budget. */
  async measureSlice(request: SliceRequest): Promise<number> {
    const c = this.cases.get(request.id);
    if (!c) throw new Error(`no case ${request.id}`);
    const stats = await this.measure(c.trial.f, {
      args: c.args,
      min_cpu_time: request.sliceNs,
      min_samples: 1,
      batch_samples: request.batchSamples,
      inner_gc: c.trial._gc === 'inner',
      // A full collection before every slice would cost more than the slice on a large heap;
      // only the first slice of a case starts from a collected heap; a case set to gc('inner') keeps its own.
      gc:
        c.trial._gc === 'inner' || (request.collectFirst && c.trial._gc !== false)
          ? undefined
          : false,
    });
    return stats.p50;
  }
}
