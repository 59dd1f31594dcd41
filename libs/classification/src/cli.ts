#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runClassifyCli } from './cli/run-classify-cli.js';

// The package's own manifest, one folder up from both src/ and dist/.
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

// The shell only: all behaviour lives in runClassifyCli.
runClassifyCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  version,
})
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `prismq-classify: error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // A run that stops early (--strict) must not wait for a writer that keeps stdin open.
    process.stdin.destroy();
  });
