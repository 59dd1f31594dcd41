// Runs README examples in a consumer project: every block written as a module, the TypeScript
// ones type-checked together, each run on its own; failures name the README line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CHECK_NAMES, writeChecks } from './checks-module.mjs';
import { extractExamples } from './example-blocks.mjs';
import { root, where } from './readme-location.mjs';

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
  writeChecks(dir);
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
