import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorShape, rawRequest, startLiveServer, type LiveServer } from './security-server.js';

const TOKEN = 'token-for-the-bypass-test';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer({ apiToken: TOKEN });
});
afterAll(() => live.stop());

async function runCount(): Promise<number> {
  const response = await rawRequest(live.baseUrl, { path: '/api/runs', headers: AUTH });
  return (response.json as { total: number }).total;
}

describe('the API token is checked on the matched route, however the URL is spelled', () => {
  it.each([
    '/api/modules',
    '/%61pi/modules',
    '/a%70i/runs',
    '/%61%70%69/runs',
    '/api/modules/%65cho',
    'http://anything/api/modules',
    'http://127.0.0.1/%61pi/runs',
  ])('GET %s without a token is 401 with a Bearer challenge', async (target) => {
    const response = await rawRequest(live.baseUrl, { path: target });
    expect(response.status, response.body).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(isErrorShape(response.json)).toBe(true);
    expect(response.body).not.toContain('anything');
  });

  it('refuses to start a run through an encoded path without a token', async () => {
    const before = await runCount();
    const response = await rawRequest(live.baseUrl, {
      method: 'POST',
      path: '/%61pi/modules/echo/runs',
      body: '{"parameters":{}}',
    });
    expect(response.status).toBe(401);
    expect(await runCount()).toBe(before);
  });

  it('guards the SSE, log download and result download routes too', async () => {
    const runId = '00000000-0000-4000-8000-000000000000';
    for (const target of [
      `/api/runs/${runId}/logs/stream`,
      `/api/runs/${runId}/logs/download`,
      `/api/runs/${runId}/results/out.txt`,
      `/%61pi/runs/${runId}/results/out.txt`,
    ]) {
      const response = await rawRequest(live.baseUrl, { path: target });
      expect(response.status, target).toBe(401);
    }
  });

  it('accepts the scheme in any case and the right token only', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await rawRequest(live.baseUrl, {
        path: '/%61pi/modules',
        headers: { authorization: `${scheme} ${TOKEN}` },
      });
      expect(response.status, scheme).toBe(200);
    }
    const wrong = await rawRequest(live.baseUrl, {
      path: '/api/modules',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const basic = await rawRequest(live.baseUrl, {
      path: '/api/modules',
      headers: { authorization: `Basic ${TOKEN}` },
    });
    expect(basic.status).toBe(401);
  });

  it('leaves /health open', async () => {
    expect((await rawRequest(live.baseUrl, { path: '/health' })).status).toBe(200);
  });

  it('marks every /api route as needing the token in the OpenAPI document', async () => {
    const response = await rawRequest(live.baseUrl, { path: '/docs/json' });
    const document = response.json as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const apiOperations = Object.entries(document.paths)
      .filter(([route]) => route.startsWith('/api'))
      .flatMap(([, operations]) => Object.values(operations));
    expect(apiOperations.length).toBeGreaterThan(10);
    for (const operation of apiOperations) expect(operation.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health']?.get?.security).toBeUndefined();
  });
});
