import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, spawnCli, waitForListening } from './cli-process.js';
import { FIXTURE_MODULES, makeDataDir, removeDataDir } from './test-server.js';
import { sleeperPids } from './sleeper-pids.js';
import { parseCliArgs } from '../src/cli-options.js';
import { serverOptionsFromEnv } from '../src/http/server-options.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = `/proc/${pid}/stat`;
  return (
    existsSync(stat) && ['Z', 'X'].includes(readFileSync(stat, 'utf8').split(') ')[1]?.[0] ?? '')
  );
}

describe('option parsing', () => {
  it('maps flags to server options and rejects unknown flags', () => {
    expect(
      parseCliArgs([
        '--port',
        '9000',
        '--data-dir',
        'd',
        '--max-concurrent',
        '3',
        '--cors-origin',
        'http://a',
        '--cors-origin',
        'http://b',
      ]),
    ).toEqual({
      kind: 'serve',
      options: {
        port: 9000,
        dataDir: 'd',
        maxConcurrentRuns: 3,
        corsOrigins: ['http://a', 'http://b'],
      },
    });
    expect(
      parseCliArgs([
        '--allowed-host',
        'panel.internal',
        '--allowed-host',
        'box.lan',
        '--allow-read',
        '/srv/a',
        '--allow-read',
        '/srv/b',
        '--allow-insecure',
        '--shutdown-timeout',
        '2500',
      ]),
    ).toEqual({
      kind: 'serve',
      options: {
        allowedHosts: ['panel.internal', 'box.lan'],
        allowRead: ['/srv/a', '/srv/b'],
        allowInsecure: true,
        shutdownTimeoutMs: 2500,
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(/--prot/);
  });

  it('reads the same options from env', () => {
    expect(
      serverOptionsFromEnv({
        PRISMQ_HOST: '0.0.0.0',
        PRISMQ_PORT: '81',
        PRISMQ_CORS_ORIGINS: 'http://a, http://b',
        PRISMQ_API_TOKEN: 't',
        PRISMQ_ALLOWED_HOSTS: 'panel.internal, box.lan',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 81,
      corsOrigins: ['http://a', 'http://b'],
      apiToken: 't',
      allowedHosts: ['panel.internal', 'box.lan'],
    });
  });
});

describe('prismq-backend process', () => {
  it('prints help and version', async () => {
    const help = await collect(spawnCli(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: prismq-backend');
    expect(help.stdout).toContain('--max-concurrent');
    const version = await collect(spawnCli(['--version']));
    const manifest: unknown = JSON.parse(
      readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({ version: version.stdout.trim() });
  });

  it('refuses to start on a bad registry, naming file, path and problem', async () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const file = path.join(dir, 'modules.json');
    writeFileSync(
      file,
      JSON.stringify({
        modules: [
          {
            id: 'x',
            name: 'X',
            command: ['a'],
            parameters: [{ name: 'n', type: 'number', min: 'low' }],
          },
        ],
      }),
    );
    const result = await collect(spawnCli(['--modules', file, '--data-dir', dir, '--port', '0']));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('modules.0.parameters.0.min');
  });

  it('rejects a bad option value with its name', async () => {
    const result = await collect(spawnCli(['--port', 'eighty']));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/port: /);
  });

  it('needs the bearer token from PRISMQ_API_TOKEN on /api only', async () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const child = spawnCli(['--modules', FIXTURE_MODULES, '--data-dir', dir, '--port', '0'], {
      PRISMQ_API_TOKEN: 's3cret-token',
    });
    const done = collect(child);
    const url = await waitForListening(child);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const none = await fetch(`${url}/api/modules`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(
      (await fetch(`${url}/api/modules`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${url}/api/modules`, { headers: { authorization: 'Bearer s3cret-token' } }))
        .status,
    ).toBe(200);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('shuts down on SIGTERM leaving no child process behind', async () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const child = spawnCli(['--modules', FIXTURE_MODULES, '--data-dir', dir, '--port', '0']);
    const done = collect(child);
    const url = await waitForListening(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const pids: number[] = [];
    for (const ignoreTerm of [false, true]) {
      const response = await fetch(`${url}/api/modules/sleeper/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parameters: { 'ignore-term': ignoreTerm } }),
      });
      const { runId } = (await response.json()) as { runId: string };
      pids.push(...(await sleeperPids(url, runId)));
    }
    expect(pids.every((pid) => !isGone(pid))).toBe(true);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    for (const pid of pids) await expect.poll(() => isGone(pid)).toBe(true);
  });
});
