#!/usr/bin/env node
// Checks every publishable package before anything is published, so that a release either
// publishes all of them or none: each file the manifest points at (exports, main, module,
// types, bin) must be in the tarball, and the version must not be on the registry yet.
// Usage: node scripts/release-preflight.mjs [--registry URL] [--cwd DIR]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';

function parseArgs(argv) {
  const options = { registry: undefined, cwd: process.cwd() };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--registry') options.registry = argv[++i];
    else if (arg === '--cwd') options.cwd = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node scripts/release-preflight.mjs [--registry URL] [--cwd DIR]');
      process.exit(0);
    } else throw new Error(`release-preflight: unknown argument "${arg}"`);
  }
  return options;
}

/** Every file path a manifest promises to consumers. */
function manifestTargets(manifest) {
  const targets = new Set();
  const visit = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./') || !value.includes(':')) targets.add(posix.normalize(value));
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(manifest.exports);
  for (const field of ['main', 'module', 'types', 'typings']) visit(manifest[field]);
  if (typeof manifest.bin === 'string') visit(manifest.bin);
  else visit(manifest.bin);
  return [...targets].filter((target) => !target.includes('*'));
}

function publishablePackages(root) {
  const libs = join(root, 'libs');
  return readdirSync(libs)
    .map((name) => join(libs, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

function packedFiles(dir) {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [report] = JSON.parse(output);
  return new Set(report.files.map((file) => posix.normalize(file.path)));
}

function versionOnRegistry(name, version, registry, cwd) {
  const args = ['view', `${name}@${version}`, 'version', '--json'];
  if (registry) args.push('--registry', registry);
  try {
    const output = execFileSync('npm', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return output.trim().length > 0;
  } catch (error) {
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (text.includes('E404') || text.includes('404')) return false;
    throw new Error(
      `${name}: could not ask the registry about ${version}: ${text.trim().split('\n')[0]}`,
    );
  }
}

const options = parseArgs(process.argv.slice(2));
const problems = [];
for (const { dir, manifest } of publishablePackages(options.cwd)) {
  const files = packedFiles(dir);
  for (const target of manifestTargets(manifest)) {
    if (!files.has(target))
      problems.push(
        `${manifest.name}: "${target}" is referenced by package.json but not in the tarball (run the build?)`,
      );
  }
  if (versionOnRegistry(manifest.name, manifest.version, options.registry, options.cwd)) {
    problems.push(`${manifest.name}: version ${manifest.version} already exists on the registry`);
  }
}
if (problems.length > 0) {
  console.error('release preflight failed; nothing was published:');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log('release preflight: every package is complete and unpublished');
