#!/usr/bin/env node
// End-to-end release test: a throw-away Verdaccio on 127.0.0.1 (temporary storage, no uplinks),
// a copy of the workspace versioned with a test changeset and published to it, and consumer
// projects made as a new user makes them (`npm init -y`, CommonJS) that install the packages from
// it and use them: imports from ESM, CJS and TypeScript, the README examples, browser bundles,
// the README's bench example, profiling, both CLIs on real files and the control panel.
// Everything it starts or writes is removed at the end, also when a step fails. After the
// packages are published, a failing check does not stop the ones after it: the run ends with
// every failed step named and the time each step took.
// Usage: node scripts/release-test.mjs [--keep]   (--keep leaves the temporary folder for a look)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuiltInModules } from './release-test/backend-modules.mjs';
import { checkBenchExample } from './release-test/bench-example.mjs';
import { checkBrowserBundles } from './release-test/browser-bundles.mjs';
import {
  checkLeanInstall,
  checkNoEngineWarnings,
  initConsumer,
  install,
  pinnedSpec,
} from './release-test/consumer.mjs';
import {
  checkBadLineSkipped,
  checkFlatMemory,
  checkVersion,
} from './release-test/installed-clis.mjs';
import {
  checkMemoryFigures,
  checkMemoryProfiles,
  checkUnknownProfileMode,
} from './release-test/installed-profiling.mjs';
import {
  checkCjsRequires,
  checkEsmImports,
  checkTypeScriptConsumer,
} from './release-test/module-systems.mjs';
import { publish } from './release-test/publish.mjs';
import { capture, log, run, userEnv } from './release-test/shell.mjs';
import { createSteps } from './release-test/steps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const libraries = ['profiling', 'scoring', 'classification', 'client-backend'];
const bins = {
  'prismq-bench': 'profiling',
  'prismq-score': 'scoring',
  'prismq-classify': 'classification',
  'prismq-backend': 'client-backend',
};
const clis = { 'prismq-score': '@prismq/scoring', 'prismq-classify': '@prismq/classification' };
// What the consumer installs next to the packages, at the versions the workspace locks: the
// README examples are type-checked with typescript and run with tsx; the bench example needs mitata.
const consumerTools = ['typescript', '@types/node', 'tsx', 'mitata'];

const work = mkdtempSync(join(tmpdir(), 'prismq-release-'));
const started = [];
const steps = createSteps(log);
const { step } = steps;

/** Every process the test starts is stopped at the end; `group` kills its whole process group. */
function track(child, { group = false } = {}) {
  started.push({ child, group });
}

function cleanup() {
  for (const { child, group } of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      if (group) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** What a new user does with the published packages, each check a step of its own. */
async function useAsNewUser({ registry, versions }) {
  const consumer = join(work, 'consumer');
  const packageSpecs = Object.entries(versions).map(([name, version]) => `${name}@${version}`);

  let installOutput;
  await step('consumer install (npm init -y, CommonJS)', () => {
    initConsumer(consumer, registry.url);
    installOutput = install(consumer, [
      ...packageSpecs,
      ...consumerTools.map((name) => pinnedSpec(root, name)),
    ]);
  });

  await step(
    'no EBADENGINE installing the four packages',
    () => checkNoEngineWarnings(consumer, installOutput),
    { independent: true },
  );

  await step(
    'lean install of @prismq/profiling alone',
    () => {
      checkLeanInstall(
        join(work, 'lean-consumer'),
        registry.url,
        `@prismq/profiling@${versions['@prismq/profiling']}`,
      );
    },
    { independent: true },
  );

  await step('ESM import', () => checkEsmImports(consumer), { independent: true });

  await step('CJS require', () => checkCjsRequires(consumer), { independent: true });

  await step('TypeScript consumer', () => checkTypeScriptConsumer(consumer), { independent: true });

  await step(
    'bins --help',
    () => {
      for (const [bin, lib] of Object.entries(bins)) {
        const output = run(
          join(consumer, 'node_modules', '.bin', bin),
          ['--help'],
          consumer,
          userEnv(),
        );
        if (!/usage/i.test(output))
          throw new Error(`${bin} --help (from @prismq/${lib}) printed no usage:\n${output}`);
      }
    },
    { independent: true },
  );

  await step(
    'README examples',
    () => {
      const readmes = libraries.map((lib) => join(root, 'libs', lib, 'README.md'));
      const { status, stdout, stderr } = capture(
        process.execPath,
        [join(root, 'scripts', 'readme-examples.mjs'), '--consumer', consumer, ...readmes],
        root,
        userEnv(),
      );
      const summary = stdout.split('\n').filter((line) => /blocks passed/.test(line));
      for (const line of summary) log(`  ${line}`);
      if (status !== 0)
        throw new Error(
          `README examples failed in the consumer:\n${stderr.trim()}\n${summary.join('\n')}`,
        );
    },
    { independent: true },
  );

  await step(
    'browser bundles of the installed packages',
    async () => {
      for (const line of await checkBrowserBundles(root, consumer, libraries)) log(`  ${line}`);
    },
    { independent: true },
  );

  await step(
    'README bench example with prismq-bench',
    () => log(`  ${checkBenchExample(consumer)}`),
    { independent: true },
  );

  await step(
    'profileMemory × 50 from the installed package',
    () => log(`  ${checkMemoryProfiles(consumer)}`),
    { independent: true },
  );

  await step(
    'profileMemory figures of a 60 MB fill-and-drop (require and import, ± --expose-gc)',
    () => log(`  ${checkMemoryFigures(consumer)}`),
    { independent: true },
  );

  await step(
    'PRISMQ_PROFILE=verbose only warns',
    () => log(`  ${checkUnknownProfileMode(consumer)}`),
    { independent: true },
  );

  const cliDir = join(work, 'cli-inputs');
  mkdirSync(cliDir);
  for (const [cli, name] of Object.entries(clis)) {
    await step(`${cli} --version`, () => checkVersion(consumer, cli, versions[name]), {
      independent: true,
    });
    await step(`${cli} skips a bad line`, () => checkBadLineSkipped(consumer, cli, cliDir), {
      independent: true,
    });
    await step(
      `${cli} memory stays flat`,
      () => log(`  ${checkFlatMemory(consumer, cli, cliDir)}`),
      { independent: true },
    );
  }

  await step(
    'installed backend runs every built-in module',
    async () => {
      await runBuiltInModules(consumer, track);
      log('  the installed prismq-backend ran demo, prismq-score and prismq-classify to completed');
    },
    { independent: true },
  );
}

let code = 0;
try {
  await useAsNewUser(await publish({ root, work, libraries, step, track }));
  if (steps.failures.length > 0) {
    code = 1;
    console.error(
      `[release-test] FAILED steps:\n${steps.failures.map((failure) => `  - ${failure.name}`).join('\n')}`,
    );
  }
} catch (error) {
  code = 1;
  console.error(`[release-test] FAILED at step "${steps.current}": ${error.message}`);
} finally {
  cleanup();
}
log(`time per step:\n${steps.summary()}`);
if (code === 0) log('release test passed');
process.exit(code);
