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
