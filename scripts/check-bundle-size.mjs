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
import { build } from 'esbuild';

const libraryDir = process.cwd();
const budgetFile = resolve(libraryDir, 'size-budget.json');
const { name: packageName } = JSON.parse(readFileSync(resolve(libraryDir, 'package.json'), 'utf8'));
const { bundles } = JSON.parse(readFileSync(budgetFile, 'utf8'));
if (!Array.isArray(bundles) || bundles.length === 0) {
  console.error(`${budgetFile}: "bundles" must list at least one bundle`);
  process.exit(1);
}

let failures = 0;
for (const bundle of bundles) {
  let size;
  try {
    const result = await build({
      stdin: { contents: bundle.code, resolveDir: libraryDir, sourcefile: 'consumer.js' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    size = result.outputFiles[0].contents.byteLength;
  } catch (error) {
    failures += 1;
    const messages = (error.errors ?? [{ text: error.message }]).map((e) => `    ${e.text}`);
    console.log(`FAIL ${packageName}: ${bundle.name}: does not bundle for the browser\n${messages.join('\n')}`);
    continue;
  }
  const within = bundle.limit === undefined || size <= bundle.limit;
  if (!within) failures += 1;
  const budget = bundle.limit === undefined ? 'no budget' : `budget ${bundle.limit.toLocaleString('en')} B`;
  console.log(`${within ? 'ok  ' : 'FAIL'} ${packageName}: ${bundle.name}: ${size.toLocaleString('en')} B (${budget})`);
}
process.exit(failures === 0 ? 0 : 1);
