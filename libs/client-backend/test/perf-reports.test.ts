import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-options.js';
import type { PrismqServer } from '../src/http/server.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http sends the path exactly as given: no dot-segment removal, no re-encoding.
function rawGet(
  base: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: rawPath, method: 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('/perf: the reports folder over HTTP', () => {
  let outer: string;
  let reports: string;
  let dataDir: string;
  let server: PrismqServer;
  let base: string;

  beforeAll(async () => {
    outer = mkdtempSync(path.join(tmpdir(), 'prismq-perf-route-'));
    reports = path.join(outer, 'reports');
    mkdirSync(path.join(reports, 'flame'), { recursive: true });
    mkdirSync(path.join(reports, 'cpu'), { recursive: true });
    writeFileSync(path.join(reports, 'index.html'), '<!doctype html><title>report page</title>');
    writeFileSync(
      path.join(reports, 'flame', 'scoring.html'),
      '<!doctype html><title>flame scoring</title>',
    );
    writeFileSync(path.join(reports, 'cpu', 'scoring_1.cpuprofile'), '{"nodes":[]}');
    writeFileSync(path.join(reports, '.hidden'), 'hidden');
    writeFileSync(path.join(outer, 'secret.txt'), 'TOP SECRET');
    mkdirSync(path.join(outer, 'elsewhere'));
    writeFileSync(path.join(outer, 'elsewhere', 'inner.txt'), 'TOP SECRET');
    symlinkSync(path.join(outer, 'secret.txt'), path.join(reports, 'link-out.html'));
    symlinkSync(path.join(outer, 'elsewhere'), path.join(reports, 'dir-out'));
    symlinkSync(path.join(reports, 'index.html'), path.join(reports, 'link-in.html'));
    dataDir = makeDataDir();
    server = await startTestServer(dataDir, { reportsDir: reports, apiToken: 'sesame' });
    base = await server.listen();
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
    rmSync(outer, { recursive: true, force: true });
  });

  it('serves the report page at /perf/ (after a redirect from /perf) without the API token', async () => {
    const redirect = await rawGet(base, '/perf');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/perf/');
    const page = await rawGet(base, '/perf/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('report page');
    // the API still needs the token
    expect((await rawGet(base, '/api/modules')).status).toBe(401);
  });

  it('serves the flame pages and raw profiles the page links to, and a symlink that stays inside', async () => {
    const flame = await rawGet(base, '/perf/flame/scoring.html');
    expect(flame.status).toBe(200);
    expect(flame.body).toContain('flame scoring');
    const profile = await rawGet(base, '/perf/cpu/scoring_1.cpuprofile');
    expect(profile.status).toBe(200);
    expect(profile.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(profile.body).toBe('{"nodes":[]}');
    expect((await rawGet(base, '/perf/link-in.html')).body).toContain('report page');
  });

  it.each([
    ['/perf/../secret.txt'],
    ['/perf/%2e%2e/secret.txt'],
    ['/perf/%2E%2E%2Fsecret.txt'],
    ['/perf/flame/..%2f..%2fsecret.txt'],
    ['/perf/..%5csecret.txt'],
    ['/perf//etc/passwd'],
    ['/perf/%2fetc%2fpasswd'],
    ['/perf/link-out.html'],
    ['/perf/dir-out/inner.txt'],
    ['/perf/.hidden'],
    ['/perf/flame'],
    ['/perf/missing.html'],
  ])('refuses %s with 404 in the API error shape, revealing nothing', async (attack) => {
    const response = await rawGet(base, attack);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('TOP SECRET');
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses a NUL byte in the path as invalid input', async () => {
    const response = await rawGet(base, '/perf/index.html%00.svg');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { code: 'INVALID_INPUT', details: [{ field: 'path', rule: 'no-nul' }] },
    });
  });

  it('refuses a foreign Host header and confines an absolute-form request target', async () => {
    const foreign = await rawGet(base, '/perf/../secret.txt', { host: 'evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('TOP SECRET');
    const absolute = await rawGet(base, `http://evil.example/perf/%2e%2e/secret.txt`);
    expect(absolute.body).not.toContain('TOP SECRET');
    expect([400, 404]).toContain(absolute.status);
  });
});

describe('/perf without --reports-dir', () => {
  it('is not served at all', async () => {
    const dataDir = makeDataDir();
    const server = await startTestServer(dataDir);
    try {
      const base = await server.listen();
      expect((await rawGet(base, '/perf/')).status).toBe(404);
      expect((await rawGet(base, '/perf')).status).toBe(404);
    } finally {
      await server.close();
      removeDataDir(dataDir);
    }
  });

  it('takes the folder from --reports-dir', () => {
    expect(parseCliArgs(['--reports-dir', 'reports'])).toEqual({
      kind: 'serve',
      options: { reportsDir: 'reports' },
    });
  });
});
