import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/store/run-record.js';
import type { LogsBody, ResultsBody } from './api-bodies.js';
import { createServer, type PrismqServer } from '../src/http/server.js';
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
  // The second line is not JSON: forgiving runs skip it with a warning.
  writeFileSync(
    path.join(dataDir, 'inputs', 'one-bad-line.jsonl'),
    [JSON.stringify(items[0]), '{"title": "cut off', JSON.stringify(items[1])].join('\n') + '\n',
  );
  server = await createServer({ dataDir, port: 0, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

interface ApiLine {
  stream: string;
  level: string;
  text: string;
}

async function runLog(runId: string): Promise<ApiLine[]> {
  return (
    await server.app.inject({ method: 'GET', url: `/api/runs/${runId}/logs` })
  ).json<LogsBody>().lines;
}

async function runToEnd(moduleId: string, parameters: Record<string, unknown>): Promise<RunRecord> {
  const launched = await server.app.inject({
    method: 'POST',
    url: `/api/modules/${moduleId}/runs`,
    payload: { parameters },
  });
  expect(launched.statusCode, launched.body).toBe(202);
  const { runId } = launched.json<RunRecord>();
  await expect
    .poll(
      async () =>
        (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json<RunRecord>()
          .status,
      { timeout: 20_000 },
    )
    .toMatch(/completed|failed/);
  return (await server.app.inject({ method: 'GET', url: `/api/runs/${runId}` })).json<RunRecord>();
}

describe('built-in modules', () => {
  it('runs the scoring CLI on a small input and returns its results file', async () => {
    const run = await runToEnd('prismq-score', { input: inputFile });
    const logs = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/logs` })
    ).json<LogsBody>();
    expect(run.status, JSON.stringify(logs.lines)).toBe('completed');
    expect(run.progress).toMatchObject({ processed: 3, total: 3, percent: 100 });
    const results = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/results` })
    ).json<ResultsBody>();
    expect(results.files.map((file: { name: string }) => file.name)).toEqual(['scores.jsonl']);
    const scored = readFileSync(
      path.join(dataDir, 'runs', run.runId, 'output', 'scores.jsonl'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { line: number; record: { title: string }; scoreBreakdown: unknown },
      );
    expect(scored.map((entry) => entry.line)).toEqual([1, 2, 3]);
    expect(scored.map((entry) => entry.record.title)).toEqual(items.map((item) => item.title));
    expect(
      scored.every(
        (entry) => typeof entry.scoreBreakdown === 'object' && entry.scoreBreakdown !== null,
      ),
    ).toBe(true);
  });

  it('runs the classification CLI and keeps its JSON lines in the run log', async () => {
    const run = await runToEnd('prismq-classify', { input: 'items.jsonl' });
    expect(run.status).toBe('completed');
    const logs = (
      await server.app.inject({ method: 'GET', url: `/api/runs/${run.runId}/logs` })
    ).json<LogsBody>();
    const records = logs.lines
      .filter((line) => line.stream === 'stdout')
      .map((line): unknown => JSON.parse(line.text));
    expect(records).toHaveLength(3);
    expect(records[0]).toHaveProperty('enrichment');
  });

  it('runs the demo module, which fails on request', async () => {
    const ok = await runToEnd('demo', { lines: 5, 'delay-ms': 0 });
    expect(ok).toMatchObject({ status: 'completed', progress: { processed: 5, total: 5 } });
    const failed = await runToEnd('demo', { lines: 1, 'delay-ms': 0, fail: true });
    expect(failed).toMatchObject({ status: 'failed', exitCode: 3 });
  });

  describe.each([
    ['prismq-score', 'prismq-score: warning: line 2: record: not valid JSON', 2],
    ['prismq-classify', 'prismq-classify: warning: line 2: record: not valid JSON', 2],
  ] as const)('%s over an input with one malformed line', (moduleId, warningStart, kept) => {
    it('skips the line, marks the warning as a warning and completes', async () => {
      const run = await runToEnd(moduleId, { input: 'one-bad-line.jsonl' });
      const lines = await runLog(run.runId);
      expect(run, JSON.stringify(lines)).toMatchObject({ status: 'completed', exitCode: 0 });
      const skipped = lines.find((line) => line.text.startsWith(warningStart));
      expect(skipped, JSON.stringify(lines)).toMatchObject({ stream: 'stderr', level: 'warning' });
      expect(skipped?.text).toMatch(/; line skipped$/);
      if (moduleId === 'prismq-score') {
        const scored = readFileSync(
          path.join(dataDir, 'runs', run.runId, 'output', 'scores.jsonl'),
          'utf8',
        )
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { line: number });
        expect(scored.map((entry) => entry.line)).toEqual([1, 3]);
      } else {
        expect(lines.filter((line) => line.stream === 'stdout')).toHaveLength(kept);
      }
    });

    it('fails on it when strict is set', async () => {
      const run = await runToEnd(moduleId, { input: 'one-bad-line.jsonl', strict: true });
      expect(run).toMatchObject({ status: 'failed', exitCode: 1 });
    });
  });
});
