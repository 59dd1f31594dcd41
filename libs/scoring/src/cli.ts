#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runScoreCommand } from './cli/score-command.js';

// The package's own manifest, one folder up from both src/ and dist/.
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

// The shell only: all behaviour lives in runScoreCommand so that tests can drive it.
runScoreCommand(process.argv.slice(2), {
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
        `prismq-score: error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // A run that stops early (--strict) must not wait for a writer that keeps stdin open.
    process.stdin.destroy();
  });
