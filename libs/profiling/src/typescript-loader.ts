const TYPESCRIPT_FILE = /\.[cm]?ts$/;

let registered = false;

function loaderAlreadyActive(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.includes('tsx'));
}

/**
 * Makes `import()` understand TypeScript when any of `files` needs it: registers tsx's ESM
 * hooks once per process, unless the process was started with tsx already.
 */
export async function ensureTypeScriptLoader(files: readonly string[]): Promise<void> {
  if (registered || loaderAlreadyActive(process.execArgv) || !files.some((file) => TYPESCRIPT_FILE.test(file))) return;
  const { register } = await import('tsx/esm/api');
  register();
  registered = true;
}
