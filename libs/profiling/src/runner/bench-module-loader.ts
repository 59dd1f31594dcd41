import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BenchmarkRunnerError } from './benchmark-runner-error.js';

const TYPESCRIPT_FILE = /\.m?ts$/;

/** Query parameter that marks a module the runner loads as ESM whatever its package `type`. */
const MODULE_MARK = 'prismq-bench-module';

// Loader hooks, registered from a data: URL so that the ESM and the CommonJS build need no
// extra file. A marked bench file is resolved with format "module", and so is a TypeScript file
// it imports from outside node_modules: in a `"type": "commonjs"` project the bench file would
// otherwise load as CommonJS and, through require(), meet a second module graph in which its
// `bench()` calls register with nobody the runner can see.
const HOOKS = `
const MARK = ${JSON.stringify(MODULE_MARK)};
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!result.url.startsWith('file:')) return result;
  const url = new URL(result.url);
  if (url.searchParams.has(MARK)) return { ...result, format: 'module' };
  const parent = context.parentURL && context.parentURL.startsWith('file:') ? new URL(context.parentURL) : undefined;
  if (parent && parent.searchParams.has(MARK) && /\\.m?ts$/.test(url.pathname) && !url.pathname.includes('/node_modules/')) {
    url.searchParams.set(MARK, '');
    return { ...result, url: url.href, format: 'module' };
  }
  return result;
}
`;

// Per process, not per copy of this module: the bin, the ESM build and the CommonJS build may
// all run benchmarks in one process, and each hook should sit in the loader chain once.
const LOADING_KEY = Symbol.for('@prismq/profiling/bench-module-loading');
const holder = globalThis as unknown as Record<
  symbol,
  { hooks: boolean; typeScript: boolean } | undefined
>;
const registered = (holder[LOADING_KEY] ??= { hooks: false, typeScript: false });

function typeScriptLoaderActive(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.includes('tsx'));
}

async function registerTypeScript(firstTypeScriptFile: string): Promise<void> {
  let api: { register: () => unknown };
  try {
    api = await import('tsx/esm/api');
  } catch (error) {
    throw new BenchmarkRunnerError(
      'BENCH_TYPESCRIPT_LOADER_MISSING',
      `bench file ${firstTypeScriptFile} is TypeScript, which needs the optional peer dependency tsx to load; ` +
        `install it with \`npm install --save-dev tsx\` (${(error as Error).message})`,
    );
  }
  api.register();
}

/**
 * Prepares the process to import bench files as ES modules: tsx's ESM hooks once when a file
 * is TypeScript (unless the process was started with tsx), then the hooks that make marked
 * files ES modules whatever the `type` of their package.json.
 * @throws {@link BenchmarkRunnerError} `BENCH_TYPESCRIPT_LOADER_MISSING` when a TypeScript file
 * needs tsx and tsx is not installed
 */
export async function prepareBenchModuleLoading(files: readonly string[]): Promise<void> {
  const typeScriptFile = files.find((file) => TYPESCRIPT_FILE.test(file));
  if (
    typeScriptFile !== undefined &&
    !registered.typeScript &&
    !typeScriptLoaderActive(process.execArgv)
  ) {
    await registerTypeScript(typeScriptFile);
    registered.typeScript = true;
  }
  if (!registered.hooks) {
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
    registered.hooks = true;
  }
}

/**
 * The URL under which a bench file is imported: marked as an ES module, and distinct per
 * `generation` so that a later run in the same process registers its cases again.
 */
export function benchModuleUrl(file: string, generation: number): string {
  const url = pathToFileURL(file);
  url.searchParams.set(MODULE_MARK, '');
  if (generation > 0) url.searchParams.set('run', String(generation));
  return url.href;
}
