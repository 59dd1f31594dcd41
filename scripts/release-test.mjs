#!/usr/bin/env node
// End-to-end release test: a throw-away Verdaccio on 127.0.0.1 (temporary storage, no uplinks),
// a copy of the workspace versioned with a test changeset and published to it, and a consumer
// project that installs the packages from it and uses them from ESM, CJS, TypeScript and the bins.
// Everything it starts or writes is removed at the end, also when a step fails.
// Usage: node scripts/release-test.mjs [--keep]   (--keep leaves the temporary folder for a look)
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const libraries = ['profiling', 'scoring', 'classification', 'client-backend'];
const bins = { 'prismq-bench': 'profiling', 'prismq-score': 'scoring', 'prismq-classify': 'classification', 'prismq-backend': 'client-backend' };
// One export per package that its spec names, checked in both module systems.
const probes = {
  '@prismq/profiling': 'readBenchmarkRun',
  '@prismq/scoring': 'universalContentScore',
  '@prismq/classification': 'CategoryClassifier',
  '@prismq/client-backend': 'createServer',
};

const work = mkdtempSync(join(tmpdir(), 'prismq-release-'));
let registryProcess;
let backendProcess;
let step = 'setup';

function log(message) {
  console.log(`[release-test] ${message}`);
}

function run(command, args, cwd, extraEnv = {}) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...extraEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${error.status}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

function expectFailure(command, args, cwd, mustMention) {
  try {
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    for (const phrase of mustMention) {
      if (!text.includes(phrase)) throw new Error(`expected the failure of "${args.join(' ')}" to mention "${phrase}", got:\n${text}`);
    }
    return text;
  }
  throw new Error(`expected "${command} ${args.join(' ')}" to fail, it succeeded`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`registry at ${url} did not answer within ${timeoutMs} ms`);
}

function stopRegistry() {
  if (registryProcess && registryProcess.exitCode === null) {
    try {
      process.kill(-registryProcess.pid, 'SIGKILL');
    } catch {
      registryProcess.kill('SIGKILL');
    }
  }
}

function cleanup() {
  stopRegistry();
  if (backendProcess && backendProcess.exitCode === null) backendProcess.kill('SIGKILL');
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

async function startRegistry() {
  const port = await freePort();
  const dir = join(work, 'registry');
  mkdirSync(join(dir, 'storage'), { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'storage: ./storage',
      'auth:',
      '  htpasswd:',
      '    file: ./htpasswd',
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      'web: { enable: false }',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}/`;
  registryProcess = spawn(process.execPath, [join(root, 'node_modules/verdaccio/bin/verdaccio'), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${url}-/ping`, 30_000);
  const response = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password' }),
  });
  const body = await response.json();
  if (!body.token) throw new Error(`registry did not create the test user: ${JSON.stringify(body)}`);
  return { url, token: body.token };
}

function copyWorkspace(target) {
  const files = run('git', ['ls-files', '-co', '--exclude-standard'], root).split('\n').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(root, file), join(target, file));
  }
  for (const lib of libraries) {
    const dist = join(root, 'libs', lib, 'dist');
    if (!existsSync(dist)) throw new Error(`libs/${lib}/dist is missing: build the libraries first (npx nx run-many -t build)`);
    cpSync(dist, join(target, 'libs', lib, 'dist'), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
}

function manifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

async function main() {
  step = 'start registry';
  const registry = await startRegistry();
  log(`registry on ${registry.url}`);
  const npmrc = `registry=${registry.url}\n//${registry.url.replace(/^http:\/\//, '')}:_authToken=${registry.token}\n`;

  step = 'copy workspace';
  const ws = join(work, 'workspace');
  copyWorkspace(ws);
  writeFileSync(join(ws, '.npmrc'), npmrc);
  const before = Object.fromEntries(libraries.map((lib) => [lib, manifest(join(ws, 'libs', lib)).version]));

  step = 'changeset version';
  writeFileSync(
    join(ws, '.changeset', 'release-test.md'),
    `---\n${libraries.map((lib) => `"@prismq/${lib}": minor`).join('\n')}\n---\n\nRelease test: every library gets a minor bump.\n`,
  );
  run(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], ws);
  const versions = {};
  for (const lib of libraries) {
    const dir = join(ws, 'libs', lib);
    const after = manifest(dir);
    if (after.version === before[lib]) throw new Error(`@prismq/${lib} was not versioned (still ${after.version})`);
    if (!existsSync(join(dir, 'CHANGELOG.md'))) throw new Error(`@prismq/${lib} has no CHANGELOG.md after versioning`);
    versions[`@prismq/${lib}`] = after.version;
  }
  const backendDeps = manifest(join(ws, 'libs', 'client-backend')).dependencies;
  for (const dep of ['@prismq/scoring', '@prismq/classification']) {
    if (!backendDeps[dep]?.includes(versions[dep])) {
      throw new Error(`client-backend's dependency on ${dep} (${backendDeps[dep]}) was not bumped to ${versions[dep]}`);
    }
  }
  log(`versioned: ${JSON.stringify(versions)}`);

  step = 'tarball contents';
  const allowed = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
  // Files a package runs at run time besides its build: the backend's demo module.
  const extraFiles = { 'client-backend': /^modules\/[\w-]+\.mjs$/ };
  for (const lib of libraries) {
    const [report] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], join(ws, 'libs', lib)));
    const stray = report.files.map((file) => file.path).filter((path) => !allowed.test(path) && !extraFiles[lib]?.test(path));
    if (stray.length > 0) throw new Error(`@prismq/${lib} tarball holds files it should not: ${stray.join(', ')}`);
    for (const needed of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      if (!report.files.some((file) => file.path === needed)) throw new Error(`@prismq/${lib} tarball lacks ${needed}`);
    }
  }

  step = 'preflight refuses a broken package';
  const scoringManifestPath = join(ws, 'libs', 'scoring', 'package.json');
  const goodScoring = readFileSync(scoringManifestPath, 'utf8');
  const broken = JSON.parse(goodScoring);
  broken.exports['.'].import.default = './dist/missing.js';
  writeFileSync(scoringManifestPath, JSON.stringify(broken, null, 2));
  expectFailure(process.execPath, [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url], ws, ['@prismq/scoring', 'dist/missing.js', 'nothing was published']);
  writeFileSync(scoringManifestPath, goodScoring);

  step = 'publish';
  run(process.execPath, [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url], ws);
  run(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'publish', '--no-git-tag'], ws, { npm_config_registry: registry.url });
  for (const [name, version] of Object.entries(versions)) {
    const published = run('npm', ['view', `${name}@${version}`, 'version', '--registry', registry.url], ws).trim();
    if (!published.includes(version)) throw new Error(`${name}@${version} is not on the registry after publishing`);
  }
  log('published all four packages');

  step = 'preflight refuses an existing version';
  expectFailure(process.execPath, [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url], ws, ['@prismq/profiling', 'already exists']);

  step = 'consumer install';
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', allowScripts: { 'better-sqlite3': true } }, null, 2),
  );
  writeFileSync(join(consumer, '.npmrc'), `@prismq:registry=${registry.url}\nbuild-from-source=true\n`);
  const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const pinned = (name) => `${name}@${rootLock.packages[`node_modules/${name}`].version}`;
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...Object.entries(versions).map(([n, v]) => `${n}@${v}`), pinned('typescript'), pinned('@types/node')], consumer);

  step = 'ESM import';
  const esm = Object.entries(probes)
    .map(([name, symbol]) => `{ const m = await import('${name}'); if (typeof m.${symbol} === 'undefined') throw new Error('${name} (ESM) lacks ${symbol}'); }`)
    .join('\n');
  run(process.execPath, ['--input-type=module', '-e', esm], consumer);

  step = 'CJS require';
  const cjs = Object.entries(probes)
    .map(([name, symbol]) => `{ const m = require('${name}'); if (typeof m.${symbol} === 'undefined') throw new Error('${name} (CJS) lacks ${symbol}'); }`)
    .join('\n');
  run(process.execPath, ['--input-type=commonjs', '-e', cjs], consumer);

  step = 'TypeScript consumer';
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['consumer.ts', 'consumer.cts'] }, null, 2),
  );
  writeFileSync(
    join(consumer, 'consumer.ts'),
    [
      "import { readBenchmarkRun, type BenchmarkRun } from '@prismq/profiling';",
      "import { universalContentScore } from '@prismq/scoring';",
      "import { CategoryClassifier } from '@prismq/classification';",
      "import { createServer } from '@prismq/client-backend';",
      'const ucs: number = universalContentScore({ views: 1000, likes: 10 }).universalContentScore;',
      'const reader: (path: string) => BenchmarkRun = readBenchmarkRun;',
      'const classifier = new CategoryClassifier();',
      'export const used = [ucs, reader, classifier, createServer];',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(consumer, 'consumer.cts'),
    [
      "import profiling = require('@prismq/profiling');",
      "import scoring = require('@prismq/scoring');",
      "import classification = require('@prismq/classification');",
      "import backend = require('@prismq/client-backend');",
      'export const used = [profiling.readBenchmarkRun, scoring.universalContentScore, classification.CategoryClassifier, backend.createServer];',
      '',
    ].join('\n'),
  );
  run(process.execPath, [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);

  step = 'bins';
  for (const [bin, lib] of Object.entries(bins)) {
    const output = run(join(consumer, 'node_modules', '.bin', bin), ['--help'], consumer);
    if (!/usage/i.test(output)) throw new Error(`${bin} --help (from @prismq/${lib}) printed no usage:\n${output}`);
  }
  log('ESM, CJS, TypeScript and all four bins work from the registry');

  step = 'installed backend runs every built-in module';
  await runBuiltInModules(consumer);
  log('the installed prismq-backend ran demo, prismq-score and prismq-classify to completed');
}

/**
 * Starts the backend installed from the tarball (its own bin, its own dependencies) on a
 * fresh data folder and runs each built-in module to `completed` over HTTP, with the API
 * token on and the inputs in the data folder's default input root.
 */
async function runBuiltInModules(consumer) {
  const dataDir = join(consumer, 'backend-data');
  mkdirSync(join(dataDir, 'inputs'), { recursive: true });
  const items = [
    { title: 'I quit my job to travel the world', description: 'The story of how it went wrong', metadata: { views: 1200, likes: 80, comments: 12 } },
    { title: 'Ten tips for better sleep', description: 'A short guide', metadata: { views: 300, likes: 9, comments: 1 } },
  ];
  writeFileSync(join(dataDir, 'inputs', 'items.jsonl'), items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  const token = 'release-test-token';
  backendProcess = spawn(join(consumer, 'node_modules', '.bin', 'prismq-backend'), ['--data-dir', dataDir, '--port', '0'], {
    cwd: consumer,
    env: { ...process.env, PRISMQ_API_TOKEN: token, PRISMQ_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  backendProcess.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise((resolveUrl, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`prismq-backend did not start within 30 s:\n${buffer}${output}`)), 30_000);
    backendProcess.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((text) => text.includes('prismq-backend listening'));
      if (line) {
        clearTimeout(timer);
        resolveUrl(JSON.parse(line).url);
      }
    });
    backendProcess.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prismq-backend exited with ${code} before listening:\n${buffer}${output}`));
    });
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const refused = await fetch(`${baseUrl}/api/modules`);
  if (refused.status !== 401) throw new Error(`GET /api/modules without the token answered ${refused.status}, not 401`);
  const runs = {
    demo: { lines: 3, 'delay-ms': 0 },
    'prismq-score': { input: 'items.jsonl' },
    'prismq-classify': { input: 'items.jsonl' },
  };
  for (const [moduleId, parameters] of Object.entries(runs)) {
    const launched = await fetch(`${baseUrl}/api/modules/${moduleId}/runs`, { method: 'POST', headers, body: JSON.stringify({ parameters }) });
    const run = await launched.json();
    if (launched.status !== 202) throw new Error(`launching ${moduleId} answered ${launched.status}: ${JSON.stringify(run)}`);
    const deadline = Date.now() + 30_000;
    let current = run;
    while (current.status === 'queued' || current.status === 'running') {
      if (Date.now() > deadline) throw new Error(`${moduleId} run ${run.runId} is still ${current.status} after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
      current = await (await fetch(`${baseUrl}/api/runs/${run.runId}`, { headers })).json();
    }
    if (current.status !== 'completed') {
      const logs = await (await fetch(`${baseUrl}/api/runs/${run.runId}/logs`, { headers })).json();
      throw new Error(`${moduleId} ended ${current.status} (${current.errorMessage}):\n${logs.lines.map((line) => line.text).join('\n')}`);
    }
  }
  const stopped = new Promise((resolveExit) => backendProcess.once('exit', resolveExit));
  backendProcess.kill('SIGTERM');
  const code = await stopped;
  if (code !== 0) throw new Error(`prismq-backend exited with ${code} on SIGTERM:\n${output}`);
}

try {
  await main();
  log('release test passed');
  cleanup();
} catch (error) {
  console.error(`[release-test] FAILED at step "${step}": ${error.message}`);
  cleanup();
  process.exit(1);
}
