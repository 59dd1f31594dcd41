// The profiling README's bench example, taken from the README the installed package ships, run
// with the installed prismq-bench as the README says.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { capture, userEnv } from './shell.mjs';

const BENCH_FILE_COMMENT = /^\/\/\s*(src\/[\w./-]+\.bench\.[cm]?ts)\s*$/;

/**
 * The README's bench example: the first ```ts block whose first line names a `src/….bench.ts`
 * file, else the first ```ts block that imports mitata (then written as src/readme.bench.ts).
 */
function extractBenchExample(readme) {
  const blocks = [...readme.matchAll(/^```ts[^\n]*\n([\s\S]*?)^```\s*$/gm)].map(
    (match) => match[1],
  );
  for (const source of blocks) {
    const named = BENCH_FILE_COMMENT.exec(source.split('\n')[0]);
    if (named) return { path: named[1], source };
  }
  const mitata = blocks.find((source) => /from ['"]mitata['"]/.test(source));
  if (mitata) return { path: 'src/readme.bench.ts', source: mitata };
  throw new Error(
    'the profiling README has no ts block naming a src/*.bench.ts file or importing mitata',
  );
}

export function checkBenchExample(consumer) {
  const readme = readFileSync(join(consumer, 'node_modules/@prismq/profiling/README.md'), 'utf8');
  const example = extractBenchExample(readme);
  const caseIds = [...example.source.matchAll(/\bbench\(\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1],
  );
  if (caseIds.length === 0)
    throw new Error(`the README's bench example (${example.path}) registers no bench() case`);
  mkdirSync(dirname(join(consumer, example.path)), { recursive: true });
  writeFileSync(join(consumer, example.path), example.source);

  const bench = capture(
    'npx',
    ['--no-install', 'prismq-bench', '--project', 'demo', '--quick'],
    consumer,
    userEnv(),
  );
  if (bench.status !== 0)
    throw new Error(
      `npx prismq-bench --project demo --quick exited with ${bench.status}:\n${bench.stdout}${bench.stderr}`,
    );

  const latest = 'reports/benchmarks/demo/latest.json';
  const read = capture(
    process.execPath,
    [
      '-e',
      `const run = require('@prismq/profiling').readBenchmarkRun(${JSON.stringify(latest)}); console.log(JSON.stringify({ quick: run.quick, project: run.project, ids: run.cases.map((c) => c.id) }));`,
    ],
    consumer,
    userEnv(),
  );
  if (read.status !== 0)
    throw new Error(
      `readBenchmarkRun('${latest}') from the installed package failed:\n${read.stderr}`,
    );
  const run = JSON.parse(read.stdout);
  const missing = caseIds.filter((id) => !run.ids.includes(id));
  if (missing.length > 0)
    throw new Error(
      `${latest} lacks the README's case(s) ${missing.join(', ')}; it holds ${run.ids.join(', ')}`,
    );
  if (run.quick !== true)
    throw new Error(`${latest} is not marked quick although --quick was given`);
  return `${example.path} → ${latest} with ${caseIds.join(', ')}`;
}
