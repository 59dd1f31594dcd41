import { fileURLToPath } from 'node:url';

/**
 * The round worker's entry file and the node arguments that start it: next to the bundled bin
 * (dist/compare-worker.js), or beside this file when running from source under tsx.
 */
export function workerCommand(): { script: string; nodeArgs: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(
    new URL(fromSource ? './compare-worker.ts' : './compare-worker.js', import.meta.url),
  );
  // --expose-gc: mitata collects garbage before each measurement, as in a normal bench run.
  return { script, nodeArgs: ['--expose-gc', '--import', import.meta.resolve('tsx')] };
}
