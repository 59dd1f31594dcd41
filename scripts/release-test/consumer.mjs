// Consumer projects as a new user makes them: `npm init -y` (CommonJS), the @prismq scope from
// the test registry and everything else from the npm registry.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capture, run, userEnv } from './shell.mjs';

/**
 * A fresh `npm init -y` project in `dir` that reads @prismq packages from `registryUrl`. npm 11
 * runs install scripts only for packages in `allowScripts`; better-sqlite3 is compiled from
 * source so that nothing downloads a prebuilt binary.
 */
export function initConsumer(dir, registryUrl) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.npmrc'), `@prismq:registry=${registryUrl}\nbuild-from-source=true\n`);
  run('npm', ['init', '-y'], dir, userEnv());
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.type !== undefined && manifest.type !== 'commonjs') {
    throw new Error(`npm init -y made a package of type "${manifest.type}", not CommonJS`);
  }
  run('npm', ['pkg', 'set', 'allowScripts.better-sqlite3=true', '--json'], dir, userEnv());
}

/** Installs `specs` into the consumer and returns what npm printed (stdout and stderr). */
export function install(dir, specs) {
  const { status, stdout, stderr } = capture(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs],
    dir,
    userEnv(),
  );
  const output = `${stdout}${stderr}`;
  if (status !== 0)
    throw new Error(`npm install ${specs.join(' ')} (in ${dir}) failed with ${status}:\n${output}`);
  return output;
}

/**
 * npm's engine warnings in an install's output: a package (or a dependency it brings) that
 * declares it does not support this Node greets every user with `EBADENGINE`. Throws naming
 * each package and the engine it requires, with the dependency path `npm ls` gives for it.
 */
export function checkNoEngineWarnings(dir, output) {
  if (!output.includes('EBADENGINE')) return;
  const offenders = [
    ...output.matchAll(
      /EBADENGINE\s+package: '([^']+)',\s*\n.*EBADENGINE\s+required: (\{[^}]*\})/g,
    ),
  ].map(([, pkg, required]) => {
    const name = pkg.replace(/@[^@]+$/, '');
    const path = capture('npm', ['ls', name, '--all'], dir, userEnv()).stdout.trim();
    return `${pkg} requires ${required}:\n${path}`;
  });
  throw new Error(
    `npm install warns about engines on Node ${process.version}:\n${offenders.length > 0 ? offenders.join('\n') : output}`,
  );
}

/** The exact version the workspace's lockfile holds, so the consumer tests what the workspace does. */
export function pinnedSpec(root, name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`package-lock.json has no node_modules/${name}`);
  return `${name}@${entry.version}`;
}

/**
 * Packages a user of @prismq/profiling alone must not get: bundlers and TypeScript loaders are
 * the user's choice (tsx is an optional peer), not part of a profiling install.
 */
const NOT_IN_A_LEAN_INSTALL = ['esbuild', 'tsx'];

/** Installs only @prismq/profiling into a fresh project and checks that it stays lean. */
export function checkLeanInstall(dir, registryUrl, spec) {
  initConsumer(dir, registryUrl);
  checkNoEngineWarnings(dir, install(dir, [spec]));
  for (const name of NOT_IN_A_LEAN_INSTALL) {
    const { stdout } = capture('npm', ['ls', name, '--all'], dir, userEnv());
    if (stdout.includes(`${name}@`))
      throw new Error(`installing ${spec} alone brings in ${name}:\n${stdout}`);
  }
}
