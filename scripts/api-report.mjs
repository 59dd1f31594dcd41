#!/usr/bin/env node
// Checks (or, with --local, updates) a library's committed API reports. Run from the
// library's folder (its `api-report` target): every api-extractor*.json there is one entry
// point of the package (api-extractor.json for the root, api-extractor.<subpath>.json for a
// subpath) and extends ../../api-extractor.base.json. Reads the built .d.ts, so build first.
//
// Without --local a report that differs from the surface fails the run and the new report is
// left in tmp/api-report/ for review; `npm run api:update` at the root writes it in place.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const localBuild = process.argv.includes('--local');
const libraryDir = process.cwd();
const configs = readdirSync(libraryDir)
  .filter((name) => /^api-extractor(\.[\w-]+)?\.json$/.test(name))
  .sort();
if (configs.length === 0) {
  console.error(`${libraryDir}: no api-extractor.json`);
  process.exit(1);
}

let failed = false;
for (const name of configs) {
  const config = ExtractorConfig.loadFileAndPrepare(resolve(libraryDir, name));
  const result = Extractor.invoke(config, { localBuild, showVerboseMessages: false });
  const report = config.reportConfigs[0]?.fileName ?? name;
  if (result.apiReportChanged && !localBuild) {
    console.error(
      `${report}: the public API differs from the committed report. If the change is intended, run \`npm run api:update\` and commit the report.`,
    );
  }
  if (!result.succeeded) {
    failed = true;
    console.error(
      `${name}: API Extractor failed with ${result.errorCount} error(s) and ${result.warningCount} warning(s)`,
    );
  }
}
process.exit(failed ? 1 : 0);
