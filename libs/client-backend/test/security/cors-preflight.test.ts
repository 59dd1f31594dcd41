import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startLiveServer, type LiveServer } from './security-server.js';

const ORIGIN = 'http://ui.localhost:5173';
const TOKEN = 'cors-test-token';
let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer({ apiToken: TOKEN, corsOrigins: [ORIGIN] });
});
afterAll(() => live.stop());

function preflight(path: string, method: string): ReturnType<typeof rawRequest> {
  return rawRequest(live.baseUrl, {
    method: 'OPTIONS',
    path,
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

describe('CORS with a token', () => {
  it.each([
    ['/api/modules/echo/config', 'PUT'],
    ['/api/runs/00000000-0000-4000-8000-000000000000', 'DELETE'],
    ['/api/modules/echo/runs', 'POST'],
    ['/api/runs', 'GET'],
  ])('answers the preflight of %s %s before asking for the token', async (path, method) => {
    const response = await preflight(path, method);
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    const methods = String(response.headers['access-control-allow-methods'])
      .split(',')
      .map((name) => name.trim());
    expect(methods).toContain(method);
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain(
      'authorization',
    );
  });

  it('puts CORS headers on the 401 of a request without a token, so the browser can read it', async () => {
    const response = await rawRequest(live.baseUrl, {
      path: '/api/runs',
      headers: { origin: ORIGIN },
    });
    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(response.headers['access-control-expose-headers'])).toContain('www-authenticate');
  });

  it('grants nothing to other origins', async () => {
    const response = await rawRequest(live.baseUrl, {
      method: 'OPTIONS',
      path: '/api/runs',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
