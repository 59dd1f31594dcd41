import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorShape, rawRequest, startLiveServer, type LiveServer } from './security-server.js';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live.stop());

describe('numbers from requests are bounded', () => {
  it.each([1e10, 1e300, Number.MAX_SAFE_INTEGER])(
    'refuses cleanup olderThanHours %d with 400, not a RangeError',
    async (olderThanHours) => {
      const response = await rawRequest(live.baseUrl, {
        method: 'POST',
        path: '/api/system/maintenance/cleanup',
        body: JSON.stringify({ olderThanHours }),
      });
      expect(response.status).toBe(400);
      expect(isErrorShape(response.json)).toBe(true);
      expect(
        (response.json as { error: { details: { field: string }[] } }).error.details[0]?.field,
      ).toBe('olderThanHours');
    },
  );

  it('accepts the largest allowed cleanup age', async () => {
    const response = await rawRequest(live.baseUrl, {
      method: 'POST',
      path: '/api/system/maintenance/cleanup',
      body: JSON.stringify({ olderThanHours: 87_600 }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    '/api/runs?offset=1e300',
    '/api/runs?limit=1e9',
    '/api/runs/00000000-0000-4000-8000-000000000000/logs?afterSeq=1e300',
    `/api/modules?category=${'x'.repeat(1000)}`,
  ])('refuses %s with 400', async (target) => {
    const response = await rawRequest(live.baseUrl, { path: target });
    expect(response.status).toBe(400);
    expect(isErrorShape(response.json)).toBe(true);
  });
});
