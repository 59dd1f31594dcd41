#!/usr/bin/env node
// Adds up the vitest JSON reports every project wrote (test-results/vitest.json) into one
// closing line, so that a reader of CI's log sees at a glance how many tests ran.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const group of ['libs', 'benchmarks', 'tools']) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base)) {
    const project = join(base, name);
    if (!existsSync(join(project, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    if (!manifest.scripts?.test) continue;
    const report = join(project, 'test-results', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests ?? 0;
    failed += result.numFailedTests ?? 0;
    skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    console.log(
      `${group}/${name}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`,
    );
  }
}
if (missing.length > 0) {
  console.log(`no vitest report for: ${missing.join(', ')}`);
  process.exitCode = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
