import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorShape, rawRequest, startLiveServer, type LiveServer } from './security-server.js';

let live: LiveServer;
let port: string;

beforeAll(async () => {
  live = await startLiveServer({ allowedHosts: ['panel.internal'] });
  port = new URL(live.baseUrl).port;
});
afterAll(() => live.stop());

describe('Host allowlist against DNS rebinding', () => {
  it.each([
    'attacker.example',
    `attacker.example:${'1'}`,
    'localhost.attacker.example',
    '10.0.0.1',
  ])('answers Host %s with 403 in the error shape, on every route', async (host) => {
    for (const target of ['/api/modules', '/health', '/docs/json', '/no/such/route']) {
      const response = await rawRequest(live.baseUrl, { path: target, headers: { host } });
      expect(response.status, `${host} ${target}`).toBe(403);
      expect(isErrorShape(response.json)).toBe(true);
      expect((response.json as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect(response.body).not.toContain('attacker');
    }
  });

  it('serves the loopback names, the bound address and --allowed-host names', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'localhost',
      'LOCALHOST.',
      `[::1]:${port}`,
      'panel.internal',
      `panel.internal:${port}`,
    ]) {
      const response = await rawRequest(live.baseUrl, { path: '/api/modules', headers: { host } });
      expect(response.status, host).toBe(200);
    }
  });
});
