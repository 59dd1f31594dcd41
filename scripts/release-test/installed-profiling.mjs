// @prismq/profiling from the installed package, required from the CommonJS consumer.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { capture, userEnv } from './shell.mjs';

const CALLS = 50;

/**
 * 50 memory profiles of one name in quick succession: 50 report files, none overwritten, and
 * every path the results name exists.
 */
export function checkMemoryProfiles(consumer) {
  const script = join(consumer, 'profile-tiny.js');
  writeFileSync(
    script,
    [
      "const { profileMemory, getProfilingResults } = require('@prismq/profiling');",
      'async function main() {',
      `  for (let i = 0; i < ${CALLS}; i++) await profileMemory(() => [1, 2, 3].map((n) => n * 2), { name: 'tiny' });`,
      "  const results = getProfilingResults().filter((result) => result.name === 'tiny');",
      '  console.log(JSON.stringify(results.map((result) => result.reportPaths)));',
      '}',
      'main().catch((error) => { console.error(error); process.exit(1); });',
      '',
    ].join('\n'),
  );
  const cwd = join(consumer, 'profiling-run');
  mkdirSync(cwd);
  const { status, stdout, stderr } = capture(process.execPath, [script], cwd, userEnv());
  if (status !== 0)
    throw new Error(
      `${CALLS} × profileMemory(fn, { name: 'tiny' }) failed with ${status}:\n${stderr}`,
    );
  const reportPaths = JSON.parse(stdout);
  if (reportPaths.length !== CALLS)
    throw new Error(
      `getProfilingResults() holds ${reportPaths.length} results of 'tiny', not ${CALLS}`,
    );
  const absent = reportPaths.flat().filter((path) => !existsSync(resolve(cwd, path)));
  if (absent.length > 0)
    throw new Error(`result reportPaths that do not exist: ${absent.slice(0, 5).join(', ')}`);
  const memoryDir = join(cwd, 'reports', 'memory');
  const files = existsSync(memoryDir)
    ? readdirSync(memoryDir).filter((name) => /^tiny_.*\.memory\.json$/.test(name))
    : [];
  if (files.length !== CALLS)
    throw new Error(
      `${CALLS} calls wrote ${files.length} tiny_*.memory.json files in reports/memory`,
    );
  return `${files.length} .memory.json files, ${reportPaths.flat().length} report paths, all present`;
}

/** An unknown PRISMQ_PROFILE value is configuration, not code: a warning, never a crash. */
export function checkUnknownProfileMode(consumer) {
  const { status, stderr } = capture(
    process.execPath,
    ['-e', "require('@prismq/profiling')"],
    consumer,
    userEnv({ PRISMQ_PROFILE: 'verbose' }),
  );
  if (status !== 0)
    throw new Error(
      `PRISMQ_PROFILE=verbose node -e "require('@prismq/profiling')" exited with ${status}:\n${stderr}`,
    );
  if (!/warning/i.test(stderr) || !stderr.includes('verbose')) {
    throw new Error(
      `PRISMQ_PROFILE=verbose gave no warning naming the value on stderr:\n${stderr || '(stderr empty)'}`,
    );
  }
  return stderr.trim().split('\n')[0];
}

const MB = 1024 * 1024;

// The README's fill-and-drop: a synchronous call that fills 60 MB, drops it and returns.
const FILL_AND_DROP = [
  'const MB = 1024 * 1024;',
  'const megabyte = () => new Array(MB / 8).fill(0.5);',
  'const fillAndDrop = () => Array.from({ length: 60 }, megabyte).length;',
  'profileMemory(fillAndDrop, { name: "fill-and-drop" }).then(',
  '  (value) => {',
  '    const result = getProfilingResults().at(-1);',
  '    const report = JSON.parse(readFileSync(result.reportPaths[0], "utf8"));',
  '    console.log(JSON.stringify({ value, memory: result.memory, report }));',
  '  },',
  '  (error) => { console.error(error); process.exit(1); },',
  ');',
  '',
].join('\n');

/** The problems of one fill-and-drop's figures: documented fields absent or implausible. */
function memoryFigureProblems({ value, memory, report }) {
  const problems = [];
  if (value !== 60) problems.push(`returned ${value}, not 60`);
  const isNumber = (figure) => typeof figure === 'number' && Number.isFinite(figure);
  const fields = {
    'memory.retained': memory?.retained,
    'memory.allocated': memory?.allocated,
    'memory.peak.heapUsed': memory?.peak?.heapUsed,
    'memory.peak.rss': memory?.peak?.rss,
    'memory.before.heapUsed': memory?.before?.heapUsed,
    'memory.after.heapUsed': memory?.after?.heapUsed,
    'memory.increase.heapUsed': memory?.increase?.heapUsed,
    'report retained.heapUsed': report?.retained?.heapUsed,
    'report allocated.heapBytes': report?.allocated?.heapBytes,
    'report peak.heapUsed': report?.peak?.heapUsed,
    'report peak.rss': report?.peak?.rss,
    'report increase.heapUsed': report?.increase?.heapUsed,
  };
  const absent = Object.keys(fields).filter((field) => !isNumber(fields[field]));
  if (typeof report?.peakRssSource !== 'string') absent.push('report peakRssSource');
  if (absent.length > 0) return [...problems, `absent: ${absent.join(', ')}`];
  if (memory.allocated < 60 * MB)
    problems.push(`allocated ${(memory.allocated / MB).toFixed(1)} MB < 60 MB`);
  if (memory.allocated !== report.allocated.heapBytes)
    problems.push('the result and the report disagree on allocated');
  if (memory.retained !== report.retained.heapUsed)
    problems.push('the result and the report disagree on retained');
  if (memory.retained >= MB)
    problems.push(`retained ${(memory.retained / MB).toFixed(1)} MB ≥ 1 MB`);
  const peakAbove = memory.peak.heapUsed - memory.before.heapUsed;
  if (peakAbove < 59 * MB)
    problems.push(`peak.heapUsed only ${(peakAbove / MB).toFixed(1)} MB above before`);
  if (peakAbove < memory.retained) problems.push('peak above before < retained');
  return problems;
}

/**
 * The README's 60 MB fill-and-drop through profileMemory, required and imported, with and
 * without --expose-gc: every documented memory figure present and plausible.
 */
export function checkMemoryFigures(consumer) {
  const cwd = join(consumer, 'memory-figures');
  mkdirSync(cwd);
  const cjs = join(cwd, 'fill-and-drop.cjs');
  const esm = join(cwd, 'fill-and-drop.mjs');
  writeFileSync(
    cjs,
    "const { readFileSync } = require('node:fs');\nconst { getProfilingResults, profileMemory } = require('@prismq/profiling');\n" +
      FILL_AND_DROP,
  );
  writeFileSync(
    esm,
    "import { readFileSync } from 'node:fs';\nimport { getProfilingResults, profileMemory } from '@prismq/profiling';\n" +
      FILL_AND_DROP,
  );
  const lines = [];
  for (const script of [cjs, esm]) {
    for (const flags of [[], ['--expose-gc']]) {
      const label = `node ${flags.join(' ')}${flags.length ? ' ' : ''}${script.slice(cwd.length + 1)}`;
      const { status, stdout, stderr } = capture(
        process.execPath,
        [...flags, script],
        cwd,
        userEnv(),
      );
      if (status !== 0) throw new Error(`${label} failed with ${status}:\n${stderr}`);
      const outcome = JSON.parse(stdout.trim().split('\n').at(-1));
      const problems = memoryFigureProblems(outcome);
      if (problems.length > 0)
        throw new Error(
          `${label}: ${problems.join('; ')}\nmemory: ${JSON.stringify(outcome.memory)}`,
        );
      const { retained, allocated, peak, before } = outcome.memory;
      lines.push(
        `${label}: retained ${(retained / 1024).toFixed(0)} kB, allocated ${(allocated / MB).toFixed(1)} MB, peak +${((peak.heapUsed - before.heapUsed) / MB).toFixed(1)} MB`,
      );
    }
  }
  return lines.join('\n  ');
}
