import { fileURLToPath } from 'node:url';
import { loadModuleRegistry, type ModuleRegistry } from '@prismq/client-backend';

/** The benchmark registry file: commands are the scripts beside it. */
export const BENCH_MODULES_FILE = fileURLToPath(
  new URL('../modules/bench-modules.json', import.meta.url),
);

/** The benchmark registry, loaded and validated like any `modules.json`. */
export function benchRegistry(): ModuleRegistry {
  return loadModuleRegistry(BENCH_MODULES_FILE);
}

/** Parameters of a typical launch of the `instant` module: every parameter type once. */
export const TYPICAL_PARAMETERS = {
  input: 'data/items.jsonl',
  max_results: 25,
  mode: 'full',
  dry_run: true,
  api_key: 'not-a-real-key',
} as const;
