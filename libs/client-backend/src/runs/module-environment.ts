import type { ModuleDefinition } from '../registry/module-schema.js';

/** Env variables every module gets from the server's environment, when set. */
const BASE_MODULE_ENV: readonly string[] = ['PATH', 'HOME', 'USER', 'LANG', 'TZ', 'TMPDIR', 'TERM'];

/** Env variable names never handed to a module, whatever the registry lists. */
const NEVER_PASSED = new Set(['PRISMQ_API_TOKEN']);

/**
 * The environment a module runs with: the base set (and every `LC_*`), the names its registry
 * entry lists under `env`, and the run's own `PRISMQ_RUN_ID` / `PRISMQ_OUTPUT_DIR`. Nothing
 * else of the server's environment, and never a variable holding one of `secrets` (the API
 * token), so a module cannot print what it was never given.
 */
export function moduleEnvironment(
  serverEnv: NodeJS.ProcessEnv,
  module: Pick<ModuleDefinition, 'env'>,
  run: { runId: string; outputDir: string },
  secrets: readonly string[] = [],
): NodeJS.ProcessEnv {
  const wanted = new Set([...BASE_MODULE_ENV, ...(module.env ?? [])]);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(serverEnv)) {
    if (value === undefined || NEVER_PASSED.has(name) || secrets.includes(value)) continue;
    if (wanted.has(name) || name.startsWith('LC_')) env[name] = value;
  }
  env.PRISMQ_RUN_ID = run.runId;
  env.PRISMQ_OUTPUT_DIR = run.outputDir;
  return env;
}
