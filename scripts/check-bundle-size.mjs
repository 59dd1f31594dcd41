#!/usr/bin/env node
// Bundles what a browser consumer of a library would bundle and holds each bundle to its
// budget. Run from a library's folder (its `check-size` target); the budgets are in that
// library's size-budget.json:
//
//   { "bundles": [{ "name": "scoreText only", "code": "export { scoreText } from '@prismq/scoring';", "limit": 25000 }] }
//
// Each `code` is bundled with esbuild exactly as `esbuild --bundle --minify --platform=browser`
// would, resolving the package through its own exports map to the built dist, so a Node
// built-in reached from an entry fails here as it would in a consumer's build. `limit` is in
// bytes of minified, uncompressed output; without one the bundle only has to build.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A library's bundle budgets: `{ name, code, limit? }` each, from its size-budget.json. */
export function readBudgets(libraryDir) {
  const budgetFile = resolve(libraryDir, 'size-budget.json');
  const { bundles } = JSON.parse(readFileSync(budgetFile, 'utf8'));
  if (!Array.isArray(bundles) || bundles.length === 0)
    throw new Error(`${budgetFile}: "bundles" must list at least one bundle`);
  return bundles;
}

/**
 * Bundles `bundle.code` for the browser with packages resolved from `resolveDir` and holds it to
 * `bundle.limit`. Returns `{ ok, line }`: `line` says the size against the budget, or why it
 * does not bundle.
 */
export async function checkBundle(bundle, resolveDir, packageName) {
  let size;
  try {
    const result = await build({
      stdin: { contents: bundle.code, resolveDir, sourcefile: 'consumer.js' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    size = result.outputFiles[0].contents.byteLength;
  } catch (error) {
    const messages = (error.errors ?? [{ text: error.message }]).map((e) => `    ${e.text}`);
    return {
      ok: false,
      line: `FAIL ${packageName}: ${bundle.name}: does not bundle for the browser\n${messages.join('\n')}`,
    };
  }
  const ok = bundle.limit === undefined || size <= bundle.limit;
  const budget =
    bundle.limit === undefined ? 'no budget' : `budget ${bundle.limit.toLocaleString('en')} B`;
  return {
    ok,
    line: `${ok ? 'ok  ' : 'FAIL'} ${packageName}: ${bundle.name}: ${size.toLocaleString('en')} B (${budget})`,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const libraryDir = process.cwd();
  const { name: packageName } = JSON.parse(
    readFileSync(resolve(libraryDir, 'package.json'), 'utf8'),
  );
  let bundles;
  try {
    bundles = readBudgets(libraryDir);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  let failures = 0;
  for (const bundle of bundles) {
    const { ok, line } = await checkBundle(bundle, libraryDir, packageName);
    if (!ok) failures += 1;
    console.log(line);
  }
  process.exit(failures === 0 ? 0 : 1);
}
