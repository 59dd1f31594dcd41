// A throw-away Verdaccio on 127.0.0.1: temporary storage, no uplinks, one test user.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

/**
 * Starts Verdaccio from the workspace's node_modules in `dir`; `track` receives the process so
 * that it is stopped however the test ends. Resolves with the registry URL and a publish token.
 */
export async function startRegistry(root, dir, track) {
  const port = await freePort();
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
  const registry = spawn(
    process.execPath,
    [
      join(root, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  track(registry, { group: true });
  await waitFor(`${url}-/ping`, 30_000);
  const response = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password' }),
  });
  const body = await response.json();
  if (!body.token)
    throw new Error(`registry did not create the test user: ${JSON.stringify(body)}`);
  return { url, token: body.token };
}
