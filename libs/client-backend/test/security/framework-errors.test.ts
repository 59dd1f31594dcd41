import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorShape, rawRequest, startLiveServer, type LiveServer } from './security-server.js';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live.stop());

describe("Fastify's own errors come in our error shape and never echo the URL", () => {
  it.each([
    [`/api/modules/${'marker'.repeat(40)}`, 414, 'URI_TOO_LONG'],
    ['/api/runs/marker%ZZ', 400, 'INVALID_INPUT'],
    ['/marker%ZZ', 400, 'INVALID_INPUT'],
    ['/docs/static/%2e%2e/marker', 403, 'FORBIDDEN'],
    ['/docs/static/../../marker', 403, 'FORBIDDEN'],
    ['/api/no-such-marker', 404, 'NOT_FOUND'],
  ])('%s → %i %s', async (target, status, code) => {
    const response = await rawRequest(live.baseUrl, { path: target });
    expect(response.status).toBe(status);
    expect(isErrorShape(response.json)).toBe(true);
    expect((response.json as { error: { code: string } }).error.code).toBe(code);
    expect(response.body).not.toContain('marker');
  });

  it('answers a wrong content type with 415 in our shape', async () => {
    const response = await rawRequest(live.baseUrl, {
      method: 'POST',
      path: '/api/modules/echo/runs',
      headers: { 'content-type': 'text/x-marker' },
      body: 'marker',
    });
    expect(response.status).toBe(415);
    expect(isErrorShape(response.json)).toBe(true);
    expect(response.body).not.toContain('marker');
  });
});
