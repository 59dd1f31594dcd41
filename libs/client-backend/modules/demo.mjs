#!/usr/bin/env node
// Demo module of @prismq/client-backend: prints numbered lines with progress (`burst` lines
// between two delays), writes one output file, and can fail or ignore SIGTERM on request, so
// a fresh server has something to run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '20' },
    'delay-ms': { type: 'string', default: '50' },
    burst: { type: 'string', default: '1' },
    fail: { type: 'boolean', default: false },
    message: { type: 'string', default: 'hello from the demo module' },
  },
  strict: true,
});
const total = Number(values.lines);
const delayMs = Number(values['delay-ms']);
const burst = Number(values.burst);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (let i = 1; i <= total; i++) {
  process.stdout.write(`${values.message} #${i}\n`);
  if (i % 10 === 0 || i === total)
    process.stderr.write(`::progress processed=${i} total=${total}\n`);
  if (delayMs > 0 && i % burst === 0) await sleep(delayMs);
}
const outputDir = process.env.PRISMQ_OUTPUT_DIR;
if (outputDir)
  writeFileSync(path.join(outputDir, 'demo-summary.json'), JSON.stringify({ lines: total }) + '\n');
if (values.fail) {
  process.stderr.write('ERROR: failing on request (--fail)\n');
  process.exit(3);
}
