import { getHeapStatistics } from 'node:v8';
import type * as Mitata from 'mitata';

/** Measurement budget of quick mode: enough samples to prove the pipeline, not to compare. */
const QUICK_MEASURE_OPTIONS = {
  min_samples: 3,
  max_samples: 50,
  min_cpu_time: 5e6,
} as const;

interface TrialInternals {
  f: () => unknown;
  _args: Record<string, unknown[]>;
  _name: string;
  _group: number;
  _gc: boolean | 'once' | 'inner';
  _highlight: false | string;
  flags: number;
}

const BASELINE_FLAG = 1 << 1;
const COMPACT_FLAG = 1 << 0;

function combinations(args: Record<string, unknown[]>): Record<string, unknown>[] {
  let result: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(args)) {
    result = result.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return result;
}

type MitataModule = Pick<typeof Mitata, 'B' | 'measure'>;

// mitata 1.0.34 builds its measurement options inside `B.prototype.run` and offers no way to
// pass a time budget through `run()`, so quick mode swaps that one method for a copy that
// hands `measure()` a small budget; results keep mitata's shape, so its printer still works.
function quickRunWith(measure: MitataModule['measure']) {
  return async function quickRun(this: TrialInternals, thrw = false): Promise<unknown> {
    const names = Object.keys(this._args);
    const kind = names.length === 0 ? 'static' : names.length === 1 ? 'args' : 'multi-args';
    const tune = {
      ...QUICK_MEASURE_OPTIONS,
      inner_gc: this._gc === 'inner',
      gc: this._gc ? undefined : false,
      heap: () => {
        const heap = getHeapStatistics();
        return heap.used_heap_size + heap.malloced_memory;
      },
    };
    const runs = [];
    for (const args of kind === 'static' ? [{}] : combinations(this._args)) {
      let name = this._name;
      for (const [key, value] of Object.entries(args))
        name = name.replaceAll(`$${key}`, String(value));
      let stats: unknown;
      let error: unknown;
      try {
        stats = await measure(this.f, { ...tune, args } as never);
      } catch (caught) {
        error = caught;
        if (thrw) throw caught;
      }
      runs.push({ stats, error, args, name });
    }
    return {
      kind,
      runs,
      args: this._args,
      alias: this._name,
      group: this._group,
      baseline: (this.flags & BASELINE_FLAG) !== 0,
      style: { highlight: this._highlight, compact: (this.flags & COMPACT_FLAG) !== 0 },
    };
  };
}

/**
 * Switches the given mitata instance (the one the bench files registered with) to the quick
 * measurement budget for every trial run afterwards, and returns the function that restores
 * the normal budget.
 */
export function enableQuickMeasurement(mitata: MitataModule): () => void {
  const prototype = mitata.B.prototype as unknown as { run: unknown };
  const original = prototype.run;
  prototype.run = quickRunWith(mitata.measure);
  return () => {
    prototype.run = original;
  };
}
