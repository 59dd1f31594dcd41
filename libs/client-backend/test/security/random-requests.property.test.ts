import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isErrorShape,
  rawRequest,
  startLiveServer,
  waitForRun,
  type LiveServer,
} from './security-server.js';

const TOKEN = 'property-test-token';
let live: LiveServer;
let finishedRunId: string;

beforeAll(async () => {
  live = await startLiveServer({ apiToken: TOKEN, maxConcurrentRuns: 2, maxQueuedRuns: 2 });
  const launched = await rawRequest(live.baseUrl, {
    method: 'POST',
    path: '/api/modules/echo/runs',
    headers: { authorization: `Bearer ${TOKEN}` },
    body: '{"parameters":{"output":"out.txt"}}',
  });
  finishedRunId = (launched.json as { runId: string }).runId;
  await waitForRun(live.baseUrl, finishedRunId, ['completed'], {
    authorization: `Bearer ${TOKEN}`,
  });
});
afterAll(() => live.stop());

// Pieces URLs are made of: route words, ids that exist, encodings, climbs and junk.
const segment = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'api',
      '%61pi',
      'modules',
      'runs',
      'config',
      'logs',
      'stream',
      'download',
      'results',
      'system',
      'stats',
      'maintenance',
      'cleanup',
      'health',
      'docs',
      'json',
      'static',
      'echo',
      'sleeper',
      'demo',
      '..',
      '%2e%2e',
      '%2f',
      '%00',
      '%ZZ',
      '%',
      '',
      'out.txt',
      '00000000-0000-4000-8000-000000000000',
    ),
    fc.constant(null).map(() => finishedRunId),
    fc.string({ maxLength: 300 }).map(encodeURIComponent),
  );

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'tail',
          'afterSeq',
          'limit',
          'offset',
          'status',
          'moduleId',
          'category',
          'tag',
          'enabled',
          'lastEventId',
          'x',
        ),
        fc.oneof(
          fc.integer().map(String),
          fc.double().map(String),
          fc.constantFrom('1e400', '-0', 'NaN', '', 'true', 'running', '%00'),
          fc.string({ maxLength: 50 }).map(encodeURIComponent),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const parameterValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('--force', '-1', '../../prismq.db', '/etc/passwd', 'a\u0000b', '\u001b[2J'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  jsonValue,
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  jsonValue.map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        parameters: fc.dictionary(
          fc.constantFrom(
            'message',
            'count',
            'whole',
            'secret',
            'input',
            'output',
            'loud',
            'ignore-term',
            '__proto__',
            'x',
          ),
          parameterValue,
          { maxKeys: 5 },
        ),
        saveConfig: fc.oneof(fc.boolean(), jsonValue),
        olderThanHours: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e10, -1, 1e308)),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);
const headers = fc.record(
  {
    authorization: fc.oneof(
      fc.constant(`Bearer ${TOKEN}`),
      fc.constant(`bearer ${TOKEN}`),
      headerValue,
    ),
    'content-type': fc.oneof(
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
      headerValue,
    ),
    host: fc.oneof(fc.constantFrom('localhost', '127.0.0.1', 'attacker.example'), headerValue),
    'last-event-id': headerValue,
    origin: headerValue,
    accept: headerValue,
  },
  { requiredKeys: [] },
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc
    .tuple(fc.array(segment(), { minLength: 1, maxLength: 6 }), query)
    .map(([parts, search]) => `/${parts.join('/')}${search}`),
  headers,
  body,
});

describe('random requests against every route', () => {
  it('never answer 5xx, and every error is in our error shape', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        // A HEAD request carries no body (Node's client would send one and break the framing).
        const sent = input.method === 'HEAD' ? { ...input, body: undefined } : input;
        const response = await rawRequest(live.baseUrl, sent);
        expect(response.status, `${input.method} ${input.path}: ${response.body}`).toBeLessThan(
          500,
        );
        if (response.status >= 400 && input.method !== 'HEAD')
          expect(
            isErrorShape(response.json),
            `${input.method} ${input.path}: ${response.body}`,
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
