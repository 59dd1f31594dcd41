import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProfilingError } from '../collector/profiling-error.js';

/** The sub-folder of each profiler under `PRISMQ_PROFILE_DIR` or `reports/`. */
export type OutputKind = 'cpu' | 'memory' | 'time';

/**
 * Picks the output folder: the `outputDir` option, else `PRISMQ_PROFILE_DIR/<kind>`, else
 * `reports/<kind>` under `cwd`; then creates it and checks that it is writable.
 * @throws {@link ProfilingError} `PROFILE_OUTPUT_UNWRITABLE` naming the option or variable that chose it
 */
export function prepareOutputDir(
  kind: OutputKind,
  outputDir: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string {
  const fromEnv = env['PRISMQ_PROFILE_DIR'];
  const [dir, source] =
    outputDir !== undefined
      ? [resolve(cwd, outputDir), 'outputDir']
      : fromEnv
        ? [resolve(cwd, fromEnv, kind), 'PRISMQ_PROFILE_DIR']
        : [join(resolve(cwd), 'reports', kind), 'the default reports folder'];
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ProfilingError(
      'PROFILE_OUTPUT_UNWRITABLE',
      source,
      `${source} ${dir} is not a writable folder: ${(error as Error).message}`,
    );
  }
  return dir;
}
