import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../src/http/plugins/error-handler.js';
import { PANEL_CONTENT_SECURITY_POLICY, panelPlugin } from '../src/http/plugins/panel.js';
import type { PrismqServer } from '../src/http/server.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';
import type { ErrorBody } from './api-bodies.js';

let built: string;
let app: FastifyInstance;

async function panelApp(directory: string): Promise<FastifyInstance> {
  const instance = Fastify();
  installErrorHandler(instance);
  await instance.register(panelPlugin, { directory });
  return instance;
}

beforeAll(async () => {
  built = mkdtempSync(path.join(tmpdir(), 'prismq-panel-'));
  mkdirSync(path.join(built, 'assets'));
  writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>panel</title>');
  writeFileSync(path.join(built, 'assets', 'panel-AB12CD34.js'), 'console.log(1);');
  writeFileSync(path.join(built, 'assets', 'panel-EF56GH78.css'), 'body{}');
  writeFileSync(path.join(built, 'assets', 'icon-1234abcd.svg'), '<svg/>');
  writeFileSync(path.join(built, 'assets', 'notes.txt'), 'not a panel file');
  writeFileSync(path.join(built, 'secret.json'), '{"secret":true}');
  app = await panelApp(built);
});
afterAll(async () => {
  await app.close();
  rmSync(built, { recursive: true, force: true });
});

describe('panel plugin', () => {
  it('serves index.html at / with the policy, no-cache and an ETag that answers 304', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe('<!doctype html><title>panel</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PANEL_CONTENT_SECURITY_POLICY);
    expect(PANEL_CONTENT_SECURITY_POLICY.startsWith("default-src 'self'")).toBe(true);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(page.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
  });

  it('serves hashed assets as immutable with their content types', async () => {
    const cases = [
      ['/assets/panel-AB12CD34.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
      ['/assets/panel-EF56GH78.css', 'text/css; charset=utf-8', 'body{}'],
      ['/assets/icon-1234abcd.svg', 'image/svg+xml', '<svg/>'],
    ];
    for (const [url, type, body] of cases) {
      const response = await app.inject({ method: 'GET', url: url! });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-security-policy']).toBe(PANEL_CONTENT_SECURITY_POLICY);
      expect(response.body).toBe(body);
    }
  });

  it('answers 404 in the error shape for anything else, including paths that climb out', async () => {
    for (const url of [
      '/assets/missing.js',
      '/assets/notes.txt',
      '/assets/..%2fsecret.json',
      '/assets/%2e%2e%2fsecret.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/panel-AB12CD34.js%00.css',
      '/assets/',
      '/secret.json',
      '/index.html',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json<ErrorBody>().error.code, url).toBe('NOT_FOUND');
      expect(response.body, url).not.toContain('"secret":true');
      expect(response.body, url).not.toContain('not a panel file');
    }
  });

  it('says the page was not built when its folder is missing', async () => {
    const bare = await panelApp(path.join(built, 'nowhere'));
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorBody>().error.message).toBe('the control panel page was not built');
    await bare.close();
  });
});

describe('panel on the server', () => {
  let server: PrismqServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startTestServer(dataDir, { apiToken: 'panel-token' });
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('serves the built page without the token, which /api still needs', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    const script = /<script type="module" src="(\/assets\/panel-[\w-]+\.js)"/.exec(page.body);
    const styles = /<link rel="stylesheet" href="(\/assets\/panel-[\w-]+\.css)"/.exec(page.body);
    expect(script).not.toBeNull();
    expect(styles).not.toBeNull();
    const js = await server.app.inject({ method: 'GET', url: script![1]! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Nothing in the bundle points at another origin.
    expect(js.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect((await server.app.inject({ method: 'GET', url: '/api/modules' })).statusCode).toBe(401);
  });
});
