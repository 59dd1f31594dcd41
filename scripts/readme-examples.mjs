#!/usr/bin/env node
// Runs the TypeScript and JavaScript code blocks of the libraries' READMEs inside a consumer
// project that has the packages installed, so that what a README shows is what the packages do.
//
// Conventions a README follows (also in CONTRIBUTING.md):
// - Every ```ts / ```js block is a complete module: it imports what it uses.
// - A block whose info string says `continued` (```ts continued) is appended to the block before
//   it, so an example may be explained in steps.
// - `expression; // => value` asserts that the expression equals the value (deep, exact);
//   `// =>` at the end of an `await` line asserts the awaited value.
// - TypeScript blocks are type-checked (strict, nodenext) before anything runs.
//
// Usage: node scripts/readme-examples.mjs --consumer <dir> [README.md …]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGUAGES = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['mts', 'ts'],
  ['cts', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
  ['mjs', 'js'],
  ['cjs', 'js'],
]);
const ASSERTION = /^(\s*)(.+?);?\s*\/\/\s*=>\s*(.+?)\s*$/;

/**
 * The runnable blocks of one README, `continued` blocks already joined to the one before.
 * @param {string} file
 * @returns {{ file: string, line: number, language: 'ts' | 'js', source: string }[]}
 */
export function extractExamples(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const language = LANGUAGES.get(open[1].toLowerCase());
    if (language) {
      const body = lines.slice(i + 1, end).map((text, k) => ({ text, line: i + 2 + k }));
      const continued = /\bcontinued\b/.test(open[2]);
      const previous = examples.at(-1);
      if (continued && previous && previous.language === language) previous.body.push(...body);
      else if (continued) throw new Error(`${file}:${i + 1}: a "continued" block has no ${language} block before it`);
      else examples.push({ file, line: i + 1, language, body });
    }
    i = end;
  }
  return examples.map(({ body, ...example }) => ({ ...example, source: rewriteAssertions(body, example.file) }));
}

function rewriteAssertions(body, file) {
  const where = relative(root, file);
  return body
    .map(({ text, line }) => {
      const match = ASSERTION.exec(text);
      if (!match || /^\s*(\/\/|\*)/.test(text)) return text;
      const [, indent, expression, expected] = match;
      return `${indent}__expect(${expression}, ${expected}, ${JSON.stringify(`${where}:${line}`)});`;
    })
    .join('\n');
}

const EXPECT_HELPER = `
function __expect(actual: unknown, expected: unknown, where: string): void {
  const show = (value: unknown): string => { try { return JSON.stringify(value); } catch { return String(value); } };
  const equal = (a: unknown, b: unknown): boolean => {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  };
  if (!equal(actual, expected)) throw new Error(where + ': the README says ' + show(expected) + ', the code gives ' + show(actual));
}
`;

function moduleFile(example) {
  const commonjs = /\brequire\(/.test(example.source) && !/^\s*import\s/m.test(example.source);
  const extension = example.language === 'ts' ? (commonjs ? 'cts' : 'mts') : commonjs ? 'cjs' : 'mjs';
  const lib = basename(dirname(example.file));
  return { name: `${lib}-${example.line}.${extension}`, commonjs };
}

function helperFor(language) {
  // A JavaScript block gets the helper with its types stripped.
  return language === 'ts' ? EXPECT_HELPER : EXPECT_HELPER.replace(/: (unknown|string|void|boolean|Record<string, unknown>)\b/g, '').replace(/ as (object|Record<string, unknown>)/g, '');
}

/**
 * Writes every example into `<consumer>/readme-examples/`, type-checks the TypeScript ones and
 * runs each from the consumer folder. Returns the failures, each naming README and line.
 * @param {string} consumer
 * @param {string[]} readmes
 */
export function runExamples(consumer, readmes, { log = console.log } = {}) {
  const dir = join(consumer, 'readme-examples');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const examples = readmes.flatMap((file) => extractExamples(file).map((example) => ({ ...example, ...moduleFile(example) })));
  for (const example of examples) {
    // The helper goes last: function declarations are hoisted, and imports stay first.
    writeFileSync(join(dir, example.name), `${example.source}\n${helperFor(example.language)}\nexport {};\n`);
  }
  const failures = [];
  const typescript = examples.filter((example) => example.language === 'ts');
  if (typescript.length > 0) {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], experimentalDecorators: false },
        files: typescript.map((example) => example.name),
      }),
    );
    try {
      execFileSync(process.execPath, [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failures.push(`type check of the README examples failed:\n${mapBack(`${error.stdout ?? ''}${error.stderr ?? ''}`, examples)}`);
    }
  }
  for (const example of examples) {
    const where = `${relative(root, example.file)}:${example.line}`;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, example.name)], { cwd: consumer, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
      log(`  ok ${where}`);
    } catch (error) {
      failures.push(`${where} (${example.name}) failed:\n${(error.stderr || error.stdout || error.message).trim().split('\n').slice(0, 12).join('\n')}`);
    }
  }
  return { count: examples.length, failures };
}

function mapBack(output, examples) {
  return output.replace(/([a-z-]+-(\d+)\.[cm]?[tj]s)\((\d+),(\d+)\)/g, (whole, name, line, row) => {
    const example = examples.find((candidate) => candidate.name === name);
    return example ? `${relative(root, example.file)} block at line ${line}, its line ${row}` : whole;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--consumer');
  if (at < 0 || !args[at + 1]) {
    console.error('usage: node scripts/readme-examples.mjs --consumer <dir> [README.md …]');
    process.exit(2);
  }
  const consumer = resolve(args[at + 1]);
  const named = args.filter((_, index) => index !== at && index !== at + 1);
  const readmes = named.length > 0 ? named.map((file) => resolve(file)) : ['profiling', 'scoring', 'classification', 'client-backend'].map((lib) => join(root, 'libs', lib, 'README.md'));
  const { count, failures } = runExamples(consumer, readmes);
  for (const failure of failures) console.error(failure);
  console.log(`README examples: ${count - failures.length} of ${count} blocks passed`);
  process.exit(failures.length > 0 ? 1 : 0);
}
