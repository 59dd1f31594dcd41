import { CompareError } from './compare-error.js';
import { COMPARE_USAGE, parseCompareOptions } from './compare-options.js';
import { runCompare } from './compare-command.js';

/**
 * `prismq-bench compare …`: returns the exit code — 0 no case slower, 1 a case slower,
 * 2 usage or setup error (printed with its code).
 */
export async function compareMain(argv: readonly string[]): Promise<number> {
  try {
    const options = parseCompareOptions(argv);
    if (options.help) {
      console.log(COMPARE_USAGE);
      return 0;
    }
    const outcome = await runCompare(options, {
      cwd: process.cwd(),
      env: process.env,
      stdout: (text) => console.log(text),
      stderr: (text) => console.error(text),
      colour: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
      commandLine: process.argv,
    });
    return outcome.exitCode;
  } catch (error) {
    const code = error instanceof CompareError ? ` [${error.code}]` : '';
    console.error(
      `prismq-bench compare${code}: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (error instanceof CompareError && error.code === 'COMPARE_INVALID_OPTION')
      console.error(`\n${COMPARE_USAGE}`);
    return 2;
  }
}
