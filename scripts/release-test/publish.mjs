// The release itself, on a copy of the workspace: version with a test changeset, check the
// tarballs and the preflight, publish to the test registry.
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startRegistry } from './registry.mjs';
import { expectFailure, log, run } from './shell.mjs';

function copyWorkspace(root, libraries, target) {
  const files = run('git', ['ls-files', '-co', '--exclude-standard'], root)
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(root, file), join(target, file));
  }
  for (const lib of libraries) {
    const dist = join(root, 'libs', lib, 'dist');
    if (!existsSync(dist))
      throw new Error(
        `libs/${lib}/dist is missing: build the libraries first (npx nx run-many -t build)`,
      );
    cpSync(dist, join(target, 'libs', lib, 'dist'), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
}

function manifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Versions, checks and publishes the workspace copy; returns the registry and the new versions. */
export async function publish({ root, work, libraries, step, track }) {
  let registry;
  await step('start registry', async () => {
    registry = await startRegistry(root, join(work, 'registry'), track);
    log(`registry on ${registry.url}`);
  });
  const npmrc = `registry=${registry.url}\n//${registry.url.replace(/^http:\/\//, '')}:_authToken=${registry.token}\n`;
  const ws = join(work, 'workspace');
  const versions = {};

  await step('copy workspace', () => {
    copyWorkspace(root, libraries, ws);
    writeFileSync(join(ws, '.npmrc'), npmrc);
  });

  await step('changeset version', () => {
    const before = Object.fromEntries(
      libraries.map((lib) => [lib, manifest(join(ws, 'libs', lib)).version]),
    );
    writeFileSync(
      join(ws, '.changeset', 'release-test.md'),
      `---\n${libraries.map((lib) => `"@prismq/${lib}": minor`).join('\n')}\n---\n\nRelease test: every library gets a minor bump.\n`,
    );
    run(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], ws);
    for (const lib of libraries) {
      const dir = join(ws, 'libs', lib);
      const after = manifest(dir);
      if (after.version === before[lib])
        throw new Error(`@prismq/${lib} was not versioned (still ${after.version})`);
      if (!existsSync(join(dir, 'CHANGELOG.md')))
        throw new Error(`@prismq/${lib} has no CHANGELOG.md after versioning`);
      versions[`@prismq/${lib}`] = after.version;
    }
    const backendDeps = manifest(join(ws, 'libs', 'client-backend')).dependencies;
    for (const dep of ['@prismq/scoring', '@prismq/classification']) {
      if (!backendDeps[dep]?.includes(versions[dep])) {
        throw new Error(
          `client-backend's dependency on ${dep} (${backendDeps[dep]}) was not bumped to ${versions[dep]}`,
        );
      }
    }
    log(`versioned: ${JSON.stringify(versions)}`);
  });

  await step('tarball contents', () => {
    const allowed = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    // Files a package runs at run time besides its build: the backend's demo module.
    const extraFiles = { 'client-backend': /^modules\/[\w-]+\.mjs$/ };
    for (const lib of libraries) {
      const [report] = JSON.parse(
        run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], join(ws, 'libs', lib)),
      );
      const stray = report.files
        .map((file) => file.path)
        .filter((path) => !allowed.test(path) && !extraFiles[lib]?.test(path));
      if (stray.length > 0)
        throw new Error(`@prismq/${lib} tarball holds files it should not: ${stray.join(', ')}`);
      for (const needed of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
        if (!report.files.some((file) => file.path === needed))
          throw new Error(`@prismq/${lib} tarball lacks ${needed}`);
      }
    }
  });

  await step('preflight refuses a broken package', () => {
    const scoringManifestPath = join(ws, 'libs', 'scoring', 'package.json');
    const goodScoring = readFileSync(scoringManifestPath, 'utf8');
    const broken = JSON.parse(goodScoring);
    broken.exports['.'].import.default = './dist/missing.js';
    writeFileSync(scoringManifestPath, JSON.stringify(broken, null, 2));
    expectFailure(
      process.execPath,
      [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url],
      ws,
      ['@prismq/scoring', 'dist/missing.js', 'nothing was published'],
    );
    writeFileSync(scoringManifestPath, goodScoring);
  });

  await step('publish', () => {
    run(
      process.execPath,
      [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url],
      ws,
    );
    run(
      process.execPath,
      [join(root, 'node_modules/@changesets/cli/bin.js'), 'publish', '--no-git-tag'],
      ws,
      { ...process.env, npm_config_registry: registry.url },
    );
    for (const [name, version] of Object.entries(versions)) {
      const published = run(
        'npm',
        ['view', `${name}@${version}`, 'version', '--registry', registry.url],
        ws,
      ).trim();
      if (!published.includes(version))
        throw new Error(`${name}@${version} is not on the registry after publishing`);
    }
    log('published all four packages');
  });

  await step('preflight refuses an existing version', () => {
    expectFailure(
      process.execPath,
      [join(ws, 'scripts', 'release-preflight.mjs'), '--registry', registry.url],
      ws,
      ['@prismq/profiling', 'already exists'],
    );
  });
  return { registry, versions };
}
