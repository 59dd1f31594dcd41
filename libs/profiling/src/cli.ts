#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBenchmarks } from './runner/benchmark-runner.js';
import { BenchmarkRunnerError } from './runner/benchmark-runner-error.js';
import { parseCliOptions, USAGE } from './runner/cli-options.js';
import { compareMain } from './compare/compare-cli.js';
import { mergeMain } from './compare/merge-cli.js';

const CHILD_FLAG = 'PRISMQ_BENCH_CHILD';

// mitata measures heap and GC only with --expose-gc: run again in a child that has it, sharing
// this terminal. TypeScript bench files are handled by the runner, which loads tsx only for them.
function reexecWithGc(): number | null {
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  if (hasGc || process.env[CHILD_FLAG] === '1') return null;
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [CHILD_FLAG]: '1' } },
  );
  if (child.error) throw child.error;
  return child.status ?? 1;
}

async function main(): Promise<number> {
  // compare measures in worker processes of its own, and merge measures nothing: neither needs
  // tsx or gc here.
  if (process.argv[2] === 'compare') return compareMain(process.argv.slice(3));
  if (process.argv[2] === 'merge')
    return mergeMain(process.argv.slice(3), {
      cwd: process.cwd(),
      env: process.env,
      stdout: (text) => console.log(text),
      stderr: (text) => console.error(text),
      colour: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
    });
  const relayed = reexecWithGc();
  if (relayed !== null) return relayed;
  const options = parseCliOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const result = await runBenchmarks({
    project: options.project,
    quick: options.quick,
    files: options.files,
    commandLine: process.argv,
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(options.outDir !== undefined ? { outDir: options.outDir } : {}),
  });
  console.log(`\nprismq-bench: ${result.run.cases.length} case(s) written to ${result.runPath}`);
  for (const failure of result.failures)
    console.error(`prismq-bench: case ${failure.id} threw: ${failure.message}`);
  return result.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = error instanceof BenchmarkRunnerError ? ` [${error.code}]` : '';
    console.error(`prismq-bench${code}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
