import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/run-record.js';
import { createServer, type PrismqServer } from '../src/server.js';
import { makeDataDir, removeDataDir } from './test-server.js';

// End-to-end through the built-in registry: the real @prismq/scoring and
// @prismq/classification CLIs (built by Nx before this project's tests) and the demo module.
let server: PrismqServer;
let dataDir: string;
let inputFile: string;

const items = [
  {
    title: 'I quit my job to travel the world',
    description: 'The story of how it went wrong',
    metadata: { views: 1200, likes: 80, comments: 12 },
  },
  {
    title: 'Ten tips for better sleep',
    description: 'A short guide',
    metadata: { views: 300, likes: 9, comments: 1 },
  },
  {
    title: 'AITA for leaving the wedding early?',
    description: 'Here is what happened',
    tags: ['aita'],
  },
];

beforeAll(async () => {
  dataDir = makeDataDir();
  // The default input root of path parameters.
  mkdirSync(path.join(dataDir, 'inputs'));
  inputFile = path.join(dataDir, 'inputs', 'items.jsonl');
  writeFileSync(inputFile, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  server = await createServer({ dataDir, port: 0, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function runToEnd(moduleId: string, parameters: Record<string, unknown>): Promise<RunRecord> {
  const launched = await server.app.inject({
    method: 'POST',
    url: `/api/modules/${moduleId}/runs`,
    payload: { parameters },
  });
  expect(launched.statusCode, launched.body).toBe(202);
  const { runId } = launched.json() as RunRecord;
  await expect
    .poll(
      async () =>
        (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json().status,
      { timeout: 20_000 },
    )
    .toMatch(/completed|failed/);
  return (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json();
}

describe('built-in modules', () => {
  it('runs the scoring CLI on a small input and returns its results file', async () => {
    const run = await runToEnd('prismq-score', { input: inputFile });
    const logs = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/logs` })
    ).json();
    expect(run.status, JSON.stringify(logs.lines)).toBe('completed');
    expect(run.progress).toMatchObject({ processed: 3, total: 3, percent: 100 });
    const results = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/results` })
    ).json();
    expect(results.files.map((file: { name: string }) => file.name)).toEqual(['scores.jsonl']);
    const scored = readFileSync(
      path.join(dataDir, 'runs', run.runId, 'output', 'scores.jsonl'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string; scoreBreakdown: unknown });
    expect(scored.map((record) => record.title)).toEqual(items.map((item) => item.title));
    expect(
      scored.every(
        (record) => typeof record.scoreBreakdown === 'object' && record.scoreBreakdown !== null,
      ),
    ).toBe(true);
  });

  it('runs the classification CLI and keeps its JSON lines in the run log', async () => {
    const run = await runToEnd('prismq-classify', { input: 'items.jsonl' });
    expect(run.status).toBe('completed');
    const logs = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/logs` })
    ).json();
    const records = logs.lines
      .filter((line: { stream: string }) => line.stream === 'stdout')
      .map((line: { text: string }) => JSON.parse(line.text));
    expect(records).toHaveLength(3);
    expect(records[0]).toHaveProperty('enrichment');
  });

  it('runs the demo module, which fails on request', async () => {
    const ok = await runToEnd('demo', { lines: 5, 'delay-ms': 0 });
    expect(ok).toMatchObject({ status: 'completed', progress: { processed: 5, total: 5 } });
    const failed = await runToEnd('demo', { lines: 1, 'delay-ms': 0, fail: true });
    expect(failed).toMatchObject({ status: 'failed', exitCode: 3 });
  });
});
