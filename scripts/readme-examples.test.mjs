// Checks the README example runner on READMEs written for the purpose: what passes, and that
// each kind of wrong claim fails naming its README line. Run: node --test scripts/
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extractExamples } from './readme-examples/example-blocks.mjs';
import { ReadmeExampleError } from './readme-examples/readme-location.mjs';
import { runExamples } from './readme-examples/run-examples.mjs';
import { temporaryConsumer } from './readme-examples/temporary-consumer.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const consumer = temporaryConsumer();
const folder = mkdtempSync(join(tmpdir(), 'readme-runner-'));
after(() => {
  rmSync(consumer, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

let count = 0;
/** Writes a README made of the given lines; returns its path. */
function readme(...lines) {
  const dir = join(folder, `lib${++count}`);
  mkdirSync(dir);
  const file = join(dir, 'README.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
const run = (file) => runExamples(consumer, [file], { log: () => {} });
const at = (file, line) => `${relative(root, file)}:${line}`;

test('true claims of every form pass, and each is counted', () => {
  const file = readme(
    '# lib', //
    '```ts',
    'const a = [1, 2].map((x) => x * 2); // => [2, 4]',
    'Math.max(',
    '  1,',
    '  5,',
    '); // => 5',
    "'abc'",
    '  .toUpperCase(); // => "ABC"',
    '({ x: 1, y: [1, 2], z: undefined });',
    '// => { x: 1,',
    '//      y: [1, 2] }',
    "JSON.parse('{'); // throws SyntaxError",
    "await Promise.reject(new TypeError('no')); // throws TypeError: no",
    '```',
    'Text between.',
    '```ts continued',
    'a.length; // => 2',
    '```',
    '```sh',
    'not run; // => 1',
    '```',
    '```js',
    "const { sep } = require('node:path');",
    "sep; // => '/'",
    '```',
  );
  const { failures, summary } = run(file);
  assert.deepEqual(failures, []);
  assert.deepEqual(summary, [{ file, blocks: 2, claims: 8, passed: 2 }]);
});

test('a wrong value fails naming the README line, the claim and the result', () => {
  const file = readme('```ts', 'const n = 1;', 'n + 1; // => 3', '```');
  const { failures } = run(file);
  assert.equal(failures.length, 1);
  assert.match(failures[0], new RegExp(`${at(file, 3)}: the README says 3, the code gives 2`));
});

test('equality is deep and exact: a key more or less, other numbers and other members fail', () => {
  const cases = [
    ['({ a: 1, b: 2 }); // => { a: 1 }', '{"a":1}'],
    ['({ a: 1 }); // => { a: 1, b: 2 }', '{"a":1,"b":2}'],
    ['0.1 + 0.2; // => 0.3', '0.3'],
    ['new Set([1]); // => new Set([2])', '{"Set":[2]}'],
    ['[1, 2]; // => { 0: 1, 1: 2 }', '{"0":1,"1":2}'],
  ];
  for (const [line, shown] of cases) {
    const file = readme('```ts', line, '```');
    const { failures } = run(file);
    assert.equal(failures.length, 1, line);
    assert.ok(failures[0].includes(`${at(file, 2)}: the README says ${shown}`), failures[0]);
  }
});

test('a throws claim fails when nothing is thrown, or something else is', () => {
  const file = readme(
    '```ts', //
    "JSON.parse('1'); // throws SyntaxError",
    '```',
    '```ts',
    "JSON.parse('{'); // throws TypeError",
    '```',
  );
  const { failures } = run(file);
  assert.equal(failures.length, 2);
  assert.match(
    failures[0],
    new RegExp(`${at(file, 2)}: the README says it throws SyntaxError, the code returns`),
  );
  assert.match(
    failures[1],
    new RegExp(`${at(file, 5)}: the README says it throws TypeError, the code throws SyntaxError`),
  );
});

test('a type error fails its block only, naming the README line', () => {
  const file = readme('```ts', "const n: number = 'x';", '```', '```ts', '1; // => 1', '```');
  const { failures, summary } = run(file);
  assert.equal(failures.length, 1);
  assert.match(failures[0], new RegExp(`${at(file, 2)}:7: error TS2322`));
  assert.equal(summary[0].passed, 1);
});

test('a block that throws fails with its stack mapped to README lines', () => {
  const file = readme('```ts', '', "throw new Error('boom');", '```');
  const { failures } = run(file);
  assert.equal(failures.length, 1);
  assert.match(failures[0], /Error: boom/);
  assert.ok(failures[0].includes(at(file, 3)), failures[0]);
});

test('a README the runner cannot read is refused with its line', () => {
  const orphan = readme('# lib', '```ts continued', '1;', '```');
  assert.throws(() => extractExamples(orphan), ReadmeExampleError);
  const unbalanced = readme('```ts', '[1]; // => [1', '```');
  assert.throws(() => extractExamples(unbalanced), {
    name: 'ReadmeExampleError',
    message: `${at(unbalanced, 2)}: the claim after "// =>" is empty or unbalanced`,
  });
  const dangling = readme('```ts', '// => 1', '```');
  assert.throws(() => extractExamples(dangling), /does not follow a statement/);
});
