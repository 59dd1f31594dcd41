import type { BenchmarkTarget } from '../results/result-schema.js';

/** Extra facts about one benchmark case that mitata does not know. */
export interface CaseMetadata {
  /** Size of the case's input (items, bytes, words…), for throughput and scaling charts. */
  inputSize?: number;
  /** The performance goal the report checks this case against. */
  target?: BenchmarkTarget;
}

// The registry lives on globalThis because a bench file imports `@prismq/profiling` (dist/index.js)
// while the runner is the separately bundled dist/cli.js; both copies must see one map.
const REGISTRY_KEY = Symbol.for('@prismq/profiling/case-metadata');

type Registry = Map<string, CaseMetadata>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  let map = holder[REGISTRY_KEY];
  if (!map) {
    map = new Map();
    holder[REGISTRY_KEY] = map;
  }
  return map;
}

/**
 * Attaches an input size and/or a target to a benchmark case, by its id. Call it from a bench
 * file, next to the `bench()` it describes; the runner merges it into the run document.
 * @example
 * ```ts
 * describeCase('scoring/text/long', { inputSize: 3390, target: { metric: 'p50', op: '<', value: 1, unit: 'ms' } });
 * ```
 */
export function describeCase(id: string, meta: CaseMetadata): void {
  const previous = registry().get(id);
  registry().set(id, { ...previous, ...meta });
}

/** Metadata registered with {@link describeCase}, by case id (a copy). */
export function getCaseMetadata(): ReadonlyMap<string, CaseMetadata> {
  return new Map(registry());
}

/** Forgets all registered case metadata (the runner calls it before loading bench files). */
export function clearCaseMetadata(): void {
  registry().clear();
}
