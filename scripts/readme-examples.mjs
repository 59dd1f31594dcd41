#!/usr/bin/env node
// Runs the TypeScript and JavaScript code blocks of the libraries' READMEs inside a consumer
// project that has the packages installed, so that what a README shows is what the packages do.
//
// Conventions a README follows (also in CONTRIBUTING.md):
// - Every ```ts / ```js block is a complete module: it imports what it uses. Other fences
//   (sh, json, text) are not run.
// - A block whose info string says `continued` (```ts continued) is appended to the block before
//   it, so an example may be explained in steps.
// - `expression; // => value` asserts that the expression equals the value (a JavaScript
//   literal; deep, exact). The comment may instead stand on the line after the statement, and
//   the value may go on over further `//` lines while its brackets are open. After
//   `const name = …;` it asserts `name`. A statement may span lines (a call broken over lines,
//   a chain whose lines start with `.`). `await` inside the expression is awaited.
// - `statement; // throws Name: message` (or just `// throws Name`) asserts that the statement
//   throws (or rejects with) an error of that name and message.
// - TypeScript blocks are type-checked (strict, nodenext) before anything runs.
// - Each block runs on its own, with the consumer folder as working directory: a block that
//   reads a file writes it first.
//
// Usage: node scripts/readme-examples.mjs [--consumer <dir>] [README.md …]
// Without --consumer, a temporary consumer linked to this workspace's node_modules is made and
// removed afterwards. Without READMEs, every libs/*/README.md is run. Build the libraries first.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ReadmeExampleError, root } from './readme-examples/readme-location.mjs';
import { runExamples } from './readme-examples/run-examples.mjs';
import { temporaryConsumer } from './readme-examples/temporary-consumer.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--consumer');
if (at >= 0 && !args[at + 1]) {
  console.error('usage: node scripts/readme-examples.mjs [--consumer <dir>] [README.md …]');
  process.exit(2);
}
const named = args.filter((_, index) => at < 0 || (index !== at && index !== at + 1));
const readmes =
  named.length > 0
    ? named.map((file) => resolve(file))
    : readdirSync(join(root, 'libs'))
        .map((lib) => join(root, 'libs', lib, 'README.md'))
        .filter((file) => existsSync(file));
const missing = readmes.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`no such README: ${missing.join(', ')}`);
  process.exit(2);
}
const consumer = at >= 0 ? resolve(args[at + 1]) : temporaryConsumer();
let code = 1;
try {
  const { count, failures, summary } = runExamples(consumer, readmes);
  for (const failure of failures) console.error(`\n${failure}`);
  console.log('');
  for (const { file, blocks, claims, passed } of summary)
    console.log(`${relative(root, file)}: ${passed} of ${blocks} blocks passed (${claims} claims)`);
  console.log(`README examples: ${count - failures.length} of ${count} blocks passed`);
  code = failures.length > 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof ReadmeExampleError ? error.message : error);
} finally {
  if (at < 0) rmSync(consumer, { recursive: true, force: true });
}
process.exit(code);
