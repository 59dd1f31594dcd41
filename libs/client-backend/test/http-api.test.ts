import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismqServer } from '../src/http/server.js';
import { makeDataDir, removeDataDir, startTestServer } from './test-server.js';
import type { ModuleConfigBody, ModuleListBody, SystemStatsBody } from './api-bodies.js';

let server: PrismqServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await startTestServer(dataDir, { corsOrigins: ['http://panel.local'] });
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function storedState(): Promise<unknown> {
  const runs = await server.app.inject({ method: 'GET', url: '/api/runs' });
  const config = await server.app.inject({ method: 'GET', url: '/api/modules/env/config' });
  return { runs: runs.json(), config: config.json() };
}

describe('modules and config', () => {
  it('answers /health', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', version: '0.1.0' });
  });

  it('lists modules with category, tag and enabled filters', async () => {
    const all = (
      await server.app.inject({ method: 'GET', url: '/api/modules' })
    ).json<ModuleListBody>();
    expect(all.total).toBe(5);
    const test = (
      await server.app.inject({ method: 'GET', url: '/api/modules?category=Test' })
    ).json<ModuleListBody>();
    expect(test.modules.map((m) => m.id)).toEqual(['lines', 'sleeper']);
    const slow = (
      await server.app.inject({ method: 'GET', url: '/api/modules?tag=slow' })
    ).json<ModuleListBody>();
    expect(slow.modules.map((m) => m.id)).toEqual(['sleeper']);
    const disabled = (
      await server.app.inject({ method: 'GET', url: '/api/modules?enabled=false' })
    ).json<ModuleListBody>();
    expect(disabled.modules.map((m) => m.id)).toEqual(['off']);
  });

  it('returns one module, and 404 in the error shape for an unknown one', async () => {
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/modules/lines' })).json(),
    ).toMatchObject({ id: 'lines', name: 'Print lines' });
    const missing = await server.app.inject({ method: 'GET', url: '/api/modules/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'module nope is not in the registry',
        details: [
          { field: 'id', rule: 'known-module', message: 'id nope names no module of the registry' },
        ],
      },
    });
  });

  it('saves, merges over defaults, and forgets a config, never keeping passwords', async () => {
    const empty = (
      await server.app.inject({ method: 'GET', url: '/api/modules/env/config' })
    ).json();
    expect(empty).toEqual({
      moduleId: 'env',
      parameters: { mode: 'fast', fail: false },
      updatedAt: null,
    });
    const put = await server.app.inject({
      method: 'PUT',
      url: '/api/modules/env/config',
      payload: { parameters: { input: 'in.jsonl', limit: 5, api_key: 'secret' } },
    });
    expect(put.statusCode).toBe(200);
    const saved = (
      await server.app.inject({ method: 'GET', url: '/api/modules/env/config' })
    ).json<ModuleConfigBody>();
    expect(saved.parameters).toEqual({ mode: 'fast', fail: false, input: 'in.jsonl', limit: 5 });
    expect(saved.updatedAt).toEqual(expect.any(String));
    const removed = await server.app.inject({ method: 'DELETE', url: '/api/modules/env/config' });
    expect(removed.json()).toEqual({ moduleId: 'env', deleted: true });
    expect(
      (
        await server.app.inject({ method: 'GET', url: '/api/modules/env/config' })
      ).json<ModuleConfigBody>().updatedAt,
    ).toBeNull();
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await server.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/modules/{id}/runs',
        '/api/runs/{runId}/logs/stream',
        '/api/system/stats',
      ]),
    );
    const ui = await server.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('reports system stats', async () => {
    const stats = (
      await server.app.inject({ method: 'GET', url: '/api/system/stats' })
    ).json<SystemStatsBody>();
    expect(stats.machine.cpus).toBeGreaterThan(0);
    expect(stats.server.rssBytes).toBeGreaterThan(0);
    expect(stats.runs).toEqual({ active: 0, queued: 0, total: expect.any(Number) });
  });

  it('allows only configured CORS origins', async () => {
    const allowed = await server.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'http://panel.local' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://panel.local');
    const other = await server.app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'http://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('bad input', () => {
  const post = (url: string, payload: unknown) =>
    server.app.inject({ method: 'POST', url, payload: payload as object });

  const cases: [
    string,
    () => Promise<{ statusCode: number; json(): unknown }>,
    number,
    string,
    string[],
  ][] = [
    [
      'unknown module',
      () => post('/api/modules/nope/runs', { parameters: {} }),
      404,
      'NOT_FOUND',
      ['id'],
    ],
    [
      'disabled module',
      () => post('/api/modules/off/runs', { parameters: {} }),
      409,
      'MODULE_DISABLED',
      ['id'],
    ],
    [
      'unknown parameter',
      () => post('/api/modules/env/runs', { parameters: { input: 'a', colour: 'red' } }),
      400,
      'INVALID_INPUT',
      ['parameters.colour'],
    ],
    [
      'missing required parameter',
      () => post('/api/modules/env/runs', { parameters: {} }),
      400,
      'INVALID_INPUT',
      ['parameters.input'],
    ],
    [
      'wrong type',
      () => post('/api/modules/env/runs', { parameters: { input: 5 } }),
      400,
      'INVALID_INPUT',
      ['parameters.input'],
    ],
    [
      'out-of-range number',
      () => post('/api/modules/env/runs', { parameters: { input: 'a', limit: 1000 } }),
      400,
      'INVALID_INPUT',
      ['parameters.limit'],
    ],
    [
      'option not in select',
      () => post('/api/modules/env/runs', { parameters: { input: 'a', mode: 'slow' } }),
      400,
      'INVALID_INPUT',
      ['parameters.mode'],
    ],
    [
      'pattern mismatch',
      () => post('/api/modules/lines/runs', { parameters: { prefix: 'UP' } }),
      400,
      'INVALID_INPUT',
      ['parameters.prefix'],
    ],
    [
      'more than 100 parameters',
      () =>
        post('/api/modules/env/runs', {
          parameters: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 1])),
        }),
      400,
      'INVALID_INPUT',
      ['parameters'],
    ],
    [
      'malformed parameter name',
      () => post('/api/modules/env/runs', { parameters: { 'bad name': 1 } }),
      400,
      'INVALID_INPUT',
      ['parameters.bad name'],
    ],
    [
      'unknown body key',
      () => post('/api/modules/env/runs', { parameters: { input: 'a' }, extra: true }),
      400,
      'INVALID_INPUT',
      ['body'],
    ],
    [
      'malformed JSON',
      () =>
        server.app.inject({
          method: 'POST',
          url: '/api/modules/env/runs',
          headers: { 'content-type': 'application/json' },
          payload: '{"parameters": {',
        }),
      400,
      'INVALID_INPUT',
      ['body'],
    ],
    [
      'oversize body',
      () => post('/api/modules/env/runs', { parameters: { input: 'x'.repeat(1_100_000) } }),
      413,
      'BODY_TOO_LARGE',
      ['body'],
    ],
    [
      'malformed run id',
      () => server.app.inject({ method: 'GET', url: '/api/runs/..%2F..%2Fetc%2Fpasswd/logs' }),
      400,
      'INVALID_INPUT',
      ['runId'],
    ],
    [
      'unknown run id',
      () =>
        server.app.inject({ method: 'GET', url: '/api/runs/00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND',
      ['runId'],
    ],
    [
      'unknown run id on cancel',
      () =>
        server.app.inject({
          method: 'DELETE',
          url: '/api/runs/00000000-0000-4000-8000-000000000000',
        }),
      404,
      'NOT_FOUND',
      ['runId'],
    ],
    [
      'tail out of range',
      () =>
        server.app.inject({
          method: 'GET',
          url: '/api/runs/00000000-0000-4000-8000-000000000000/logs?tail=0',
        }),
      400,
      'INVALID_INPUT',
      ['tail'],
    ],
    [
      'run list limit above 500',
      () => server.app.inject({ method: 'GET', url: '/api/runs?limit=501' }),
      400,
      'INVALID_INPUT',
      ['limit'],
    ],
    [
      'unknown status filter',
      () => server.app.inject({ method: 'GET', url: '/api/runs?status=lost' }),
      400,
      'INVALID_INPUT',
      ['status'],
    ],
    [
      'bad config value',
      () =>
        server.app.inject({
          method: 'PUT',
          url: '/api/modules/env/config',
          payload: { parameters: { limit: 0 } },
        }),
      400,
      'INVALID_INPUT',
      ['parameters.limit'],
    ],
  ];

  it.each(cases)(
    '%s → %i %s, naming the fields, with nothing stored',
    async (_name, send, status, code, fields) => {
      const before = await storedState();
      const response = await send();
      expect(response.statusCode).toBe(status);
      const body = response.json() as {
        error: {
          code: string;
          message: string;
          details?: { field: string; rule: string; message: string }[];
        };
      };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
      for (const field of fields)
        expect(body.error.details?.map((detail) => detail.field)).toContain(field);
      for (const detail of body.error.details ?? []) expect(detail.rule.length).toBeGreaterThan(0);
      expect(await storedState()).toEqual(before);
    },
  );
});
