#!/usr/bin/env node
import { runScoreCommand } from './score-command.js';

// The shell only: all behaviour lives in runScoreCommand so that tests can drive it.
runScoreCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // A run that stops early (--strict) must not wait for a writer that keeps stdin open.
    process.stdin.destroy();
  });
