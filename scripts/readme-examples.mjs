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
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
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
// `code; // => value` or `code; // throws Name: message` on one line.
const TRAILING_CLAIM = /^(\s*)(.+?);?\s*\/\/\s*(=>|throws\b)\s*(.*?)\s*$/;
// `// => value` or `// throws …` on a line of its own, about the statement above it.
const OWN_LINE_CLAIM = /^\s*\/\/\s*(=>|throws\b)\s*(.*?)\s*$/;
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;
const DECLARATION = /^(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(:[^=]+)?=/;

/** A README problem the runner cannot turn into a module, with the README and line. */
export class ReadmeExampleError extends Error {
  name = 'ReadmeExampleError';
}

/**
 * The runnable blocks of one README, `continued` blocks already joined to the one before.
 * `lines[i]` is the README line of the module's line i + 1.
 * @param {string} file
 * @returns {{ file: string, line: number, language: 'ts' | 'js', source: string, lines: number[], claims: number }[]}
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
      else if (continued)
        throw new ReadmeExampleError(
          `${where(file, i + 1)}: a "continued" block has no ${language} block before it`,
        );
      else examples.push({ file, line: i + 1, language, body });
    }
    i = end;
  }
  return examples.map(({ body, ...example }) => ({
    ...example,
    ...rewriteClaims(body, example.file),
    lines: body.map(({ line }) => line),
  }));
}

function where(file, line) {
  return `${relative(root, file)}:${line}`;
}

/** Net count of opening brackets, strings skipped. */
function depth(text) {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) open++;
    else if (')]}'.includes(c)) open--;
  }
  return open;
}

/**
 * Replaces every claim (`// =>`, `// throws`) by a call that checks it, keeping one module line
 * per README line so that line numbers map back.
 */
function rewriteClaims(body, file) {
  const out = body.map(({ text }) => text);
  let claims = 0;
  for (let i = 0; i < body.length; i++) {
    const own = OWN_LINE_CLAIM.exec(out[i]);
    const trailing = own || COMMENT_LINE.test(out[i]) ? null : TRAILING_CLAIM.exec(out[i]);
    if (!own && !trailing) continue;
    const at = where(file, body[i].line);
    const kind = (own ?? trailing)[own ? 1 : 3];
    let claim = own ? own[2] : trailing[4];
    // The value goes on over following `//` lines while its brackets are open.
    let last = i;
    while (kind === '=>' && depth(claim) > 0 && /^\s*\/\//.test(out[last + 1] ?? '')) {
      last++;
      claim += ` ${out[last].replace(/^\s*\/\/\s?/, '')}`;
      out[last] = '';
    }
    if (claim === '' || depth(claim) !== 0)
      throw new ReadmeExampleError(`${at}: the claim after "// ${kind}" is empty or unbalanced`);
    // The statement the claim is about ends on this line (trailing) or the line above (own).
    let end = i;
    if (own) {
      out[i] = '';
      end = i - 1;
      while (end >= 0 && out[end].trim() === '') end--;
      if (end < 0 || COMMENT_LINE.test(out[end]))
        throw new ReadmeExampleError(`${at}: "// ${kind}" does not follow a statement`);
    } else {
      out[i] = trailing[1] + trailing[2];
    }
    out[end] = out[end].replace(/;\s*$/, '');
    let start = end;
    let statement = out[end];
    while (start > 0 && (depth(statement) < 0 || /^\s*\??\./.test(out[start]))) {
      start--;
      statement = `${out[start]}\n${statement}`;
    }
    const indent = /^\s*/.exec(out[start])[0];
    const declared = DECLARATION.exec(out[start].trim());
    const check =
      kind === '=>'
        ? (expression) => `__expect(${expression}, ${claim}, ${JSON.stringify(at)})`
        : (expression) =>
            /\bawait\b/.test(statement)
              ? `await __expectThrows(async () => {${expression}}, ${JSON.stringify(claim)}, ${JSON.stringify(at)})`
              : `__expectThrows(() => {${expression}}, ${JSON.stringify(claim)}, ${JSON.stringify(at)})`;
    if (declared && kind === '=>') {
      out[end] = `${out[end]}; ${check(declared[2])};`;
    } else {
      const [, head] = /^\s*(.*)$/s.exec(out[start]);
      const opening = check('\u0000').split('\u0000');
      out[start] = `${indent}${opening[0]}${head}`;
      out[end] = `${out[end]}${opening[1]};`;
    }
    claims++;
  }
  return { source: out.join('\n'), claims };
}

// The checks the claims turn into, written once into the examples' folder as a module of its own.
const CHECKS = `
const show = (value) => {
  const replacer = (_key, v) =>
    v === undefined ? '<undefined>' : typeof v === 'bigint' ? \`\${v}n\` : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? String(v) : v instanceof Map || v instanceof Set ? { [v.constructor.name]: [...v] } : v;
  try { return JSON.stringify(value, replacer) ?? String(value); } catch { return String(value); }
};
const special = (v) => v instanceof Map || v instanceof Set || v instanceof Date || v instanceof RegExp;
const equal = (a, b) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (special(a) || special(b)) {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    return a instanceof Date || a instanceof RegExp ? String(a) === String(b) : equal([...a], [...b]);
  }
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
};
const thrown = (error, expected, where) => {
  const got = error instanceof Error ? \`\${error.name}: \${error.message}\` : \`a non-error \${show(error)}\`;
  if (!(error instanceof Error) || (got !== expected && error.name !== expected))
    throw new Error(\`\${where}: the README says it throws \${expected}, the code throws \${got}\`);
};
const returned = (expected, where) => new Error(\`\${where}: the README says it throws \${expected}, the code returns\`);
function __expect(actual, expected, where) {
  if (!equal(actual, expected)) throw new Error(\`\${where}: the README says \${show(expected)}, the code gives \${show(actual)}\`);
}
function __expectThrows(run, expected, where) {
  try { run(); } catch (error) { return thrown(error, expected, where); }
  throw returned(expected, where);
}
async function __expectThrowsAsync(run, expected, where) {
  try { await run(); } catch (error) { return thrown(error, expected, where); }
  throw returned(expected, where);
}
`;
const CHECKS_TYPES = `export declare function __expect(actual: unknown, expected: unknown, where: string): void;
export declare function __expectThrows(run: () => void, expected: string, where: string): void;
export declare function __expectThrowsAsync(run: () => Promise<void>, expected: string, where: string): Promise<void>;
`;
const CHECK_NAMES = '__expect, __expectThrows, __expectThrowsAsync';

function moduleFile(example) {
  const commonjs = /\brequire\(/.test(example.source) && !/^\s*import\s/m.test(example.source);
  const extension =
    example.language === 'ts' ? (commonjs ? 'cts' : 'mts') : commonjs ? 'cjs' : 'mjs';
  const lib = basename(dirname(example.file));
  return { name: `${lib}-${example.line}.${extension}`, commonjs };
}

/**
 * Writes every example into `<consumer>/readme-examples/`, type-checks the TypeScript ones and
 * runs each from the consumer folder. Returns, per README, the blocks, the claims they check and
 * the failures, each naming README and line.
 * @param {string} consumer
 * @param {string[]} readmes
 */
export function runExamples(consumer, readmes, { log = console.log } = {}) {
  const dir = join(consumer, 'readme-examples');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const examples = readmes.flatMap((file) =>
    extractExamples(file).map((example) => ({ ...example, ...moduleFile(example) })),
  );
  for (const [extension, syntax] of [
    ['mjs', `${CHECKS}export { ${CHECK_NAMES} };\n`],
    ['cjs', `${CHECKS}module.exports = { ${CHECK_NAMES} };\n`],
  ]) {
    writeFileSync(join(dir, `checks.${extension}`), syntax);
    writeFileSync(join(dir, `checks.d.${extension.replace('js', 'ts')}`), CHECKS_TYPES);
  }
  for (const example of examples) {
    const source = example.source.replace(
      /\bawait __expectThrows\(/g,
      'await __expectThrowsAsync(',
    );
    // The checks come in without moving a line: an ES import at the end (imports are hoisted),
    // a require at the start of the first line.
    writeFileSync(
      join(dir, example.name),
      example.commonjs
        ? `const { ${CHECK_NAMES} } = require('./checks.cjs'); ${source}\n`
        : `${source}\nimport { ${CHECK_NAMES} } from './checks.mjs';\n`,
    );
  }
  const failures = [];
  const typescript = examples.filter((example) => example.language === 'ts');
  if (typescript.length > 0) {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2023'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: typescript.map((example) => example.name),
      }),
    );
    try {
      execFileSync(
        process.execPath,
        [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
        { cwd: consumer, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (error) {
      // Each error goes to the block it is in; any other error fails the run on its own.
      const output = mapBack(`${error.stdout ?? ''}${error.stderr ?? ''}`, examples).trim();
      const errors = output.split('\n').filter((line) => /\berror TS\d+/.test(line));
      const unplaced = new Set(errors);
      for (const example of typescript) {
        const file = relative(root, example.file);
        const mine = errors.filter(
          (line) =>
            line.startsWith(`${file}:`) &&
            example.lines.includes(Number(line.slice(file.length + 1).split(':')[0])),
        );
        for (const line of mine) unplaced.delete(line);
        if (mine.length > 0) example.typeErrors = mine;
      }
      if (unplaced.size > 0 || errors.length === 0)
        failures.push({ file: null, message: `type check failed:\n${output}` });
    }
  }
  for (const example of examples) {
    const at = where(example.file, example.line);
    if (example.typeErrors) {
      failures.push({
        file: example.file,
        message: `${at} (${example.name}) does not type-check:\n${example.typeErrors.join('\n')}`,
      });
      continue;
    }
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, example.name)], {
        cwd: consumer,
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 120_000,
      });
      log(`  ok ${at} (${example.claims} claims)`);
    } catch (error) {
      const output = mapBack((error.stderr || error.stdout || error.message).trim(), examples);
      const claim = /^Error: (\S+:\d+: the README says .*)$/m.exec(output);
      failures.push({
        file: example.file,
        message: `${at} (${example.name}) failed:\n${claim ? claim[1] : output.split('\n').slice(0, 12).join('\n')}`,
      });
    }
  }
  const summary = readmes.map((file) => {
    const mine = examples.filter((example) => example.file === file);
    return {
      file,
      blocks: mine.length,
      claims: mine.reduce((sum, example) => sum + example.claims, 0),
      passed: mine.length - failures.filter((failure) => failure.file === file).length,
    };
  });
  return { count: examples.length, failures: failures.map((failure) => failure.message), summary };
}

/** Rewrites `<module>(row,col)` and `<module>:row:col` into README lines. */
function mapBack(output, examples) {
  return output.replace(
    /(?:[^\s(]*\/)?([\w-]+-\d+\.[cm]?[tj]s)(?:\((\d+),(\d+)\)|:(\d+):(\d+))/g,
    (whole, name, row1, col1, row2, col2) => {
      const example = examples.find((candidate) => candidate.name === name);
      const line = example?.lines[Number(row1 ?? row2) - 1];
      return line ? `${where(example.file, line)}:${col1 ?? col2}` : whole;
    },
  );
}

/** A throwaway consumer project whose node_modules is this workspace's; the caller removes it. */
export function temporaryConsumer() {
  const dir = mkdtempSync(join(tmpdir(), 'prismq-readme-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"name":"readme-consumer","version":"1.0.0"}\n');
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
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
      console.log(
        `${relative(root, file)}: ${passed} of ${blocks} blocks passed (${claims} claims)`,
      );
    console.log(`README examples: ${count - failures.length} of ${count} blocks passed`);
    code = failures.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(error instanceof ReadmeExampleError ? error.message : error);
  } finally {
    if (at < 0) rmSync(consumer, { recursive: true, force: true });
  }
  process.exit(code);
}
