import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isErrorShape,
  rawRequest,
  startLiveServer,
  waitForRun,
  type LiveServer,
  type RawResponse,
} from './security-server.js';

let live: LiveServer;
let extraRoot: string;
const item = { title: 'Ten tips for better sleep', description: 'A short guide' };

function launch(moduleId: string, parameters: Record<string, unknown>): Promise<RawResponse> {
  return rawRequest(live.baseUrl, {
    method: 'POST',
    path: `/api/modules/${moduleId}/runs`,
    body: JSON.stringify({ parameters, saveConfig: false }),
  });
}

function refusedField(response: RawResponse): string[] {
  expect(response.status, response.body).toBe(400);
  expect(isErrorShape(response.json)).toBe(true);
  return (response.json as { error: { details: { field: string }[] } }).error.details.map(
    (detail) => detail.field,
  );
}

function databaseDigest(): string {
  return createHash('sha256')
    .update(readFileSync(path.join(live.dataDir, 'prismq.db')))
    .digest('hex');
}

beforeAll(async () => {
  extraRoot = mkdtempSync(path.join(tmpdir(), 'prismq-extra-root-'));
  writeFileSync(path.join(extraRoot, 'more.jsonl'), `${JSON.stringify(item)}\n`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prismq-paths-'));
  const inputs = path.join(dataDir, 'inputs');
  mkdirSync(inputs);
  writeFileSync(path.join(inputs, 'items.jsonl'), `${JSON.stringify(item)}\n`);
  symlinkSync('/etc/passwd', path.join(inputs, 'passwd-link'));
  // The built-in registry: demo, scoring and classification.
  live = await startLiveServer({ dataDir, modulesFile: undefined, allowRead: [inputs, extraRoot] });
});
afterAll(async () => {
  await live.stop();
  rmSync(extraRoot, { recursive: true, force: true });
});

describe('path parameters stay inside their roots', () => {
  it('refuses a scoring output that climbs out of the run output folder', async () => {
    const before = databaseDigest();
    for (const output of [
      '../../prismq.db',
      '../run.log',
      '/tmp/prismq-score-outside.jsonl',
      '.',
    ]) {
      const response = await launch('prismq-score', { input: 'items.jsonl', output });
      expect(refusedField(response), output).toEqual(['parameters.output']);
      expect(response.body).not.toContain(output === '.' ? '"."' : output);
    }
    expect(databaseDigest()).toBe(before);
  });

  it('refuses classification inputs outside the input roots, links included', async () => {
    for (const input of ['/etc/passwd', '../prismq.db', 'passwd-link', 'missing.jsonl']) {
      expect(refusedField(await launch('prismq-classify', { input })), input).toEqual([
        'parameters.input',
      ]);
    }
  });

  it('runs the built-in modules on inputs inside the roots, relative or absolute', async () => {
    const absolute = path.join(extraRoot, 'more.jsonl');
    for (const [moduleId, input] of [
      ['prismq-classify', 'items.jsonl'],
      ['prismq-classify', absolute],
      ['prismq-score', 'items.jsonl'],
    ] as const) {
      const response = await launch(moduleId, { input });
      expect(response.status, response.body).toBe(202);
      const { runId } = response.json as { runId: string };
      const run = await waitForRun(live.baseUrl, runId, ['completed', 'failed']);
      expect(run.status, `${moduleId} ${input}`).toBe('completed');
      // The record keeps the value as given, not the resolved path.
      expect((run.parameters as { input: string }).input).toBe(input);
    }
  });

  it('refuses a saved config whose path climbs out', async () => {
    const response = await rawRequest(live.baseUrl, {
      method: 'PUT',
      path: '/api/modules/prismq-score/config',
      body: JSON.stringify({ parameters: { output: '../../../evil' } }),
    });
    expect(refusedField(response)).toEqual(['parameters.output']);
  });
});

describe('result files download from the run output folder only', () => {
  it('serves a listed file and nothing outside', async () => {
    const response = await launch('prismq-score', {
      input: 'items.jsonl',
      output: 'nested/scores.jsonl',
    });
    const { runId } = response.json as { runId: string };
    await waitForRun(live.baseUrl, runId, ['completed']);
    const outputDir = path.join(live.dataDir, 'runs', runId, 'output');
    symlinkSync(path.join(live.dataDir, 'prismq.db'), path.join(outputDir, 'db-link'));

    const listing = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/results` });
    const names = (listing.json as { files: { name: string }[] }).files.map((file) => file.name);
    expect(names).toContain('nested/scores.jsonl');
    const file = await rawRequest(live.baseUrl, {
      path: `/api/runs/${runId}/results/nested/scores.jsonl`,
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toBe('attachment; filename="scores.jsonl"');
    expect(JSON.parse(file.body.split('\n')[0] ?? '')).toMatchObject({
      line: 1,
      record: { title: item.title },
    });

    for (const name of [
      '../run.log',
      '%2e%2e/run.log',
      '..%2f..%2f..%2fprismq.db',
      '%2fetc%2fpasswd',
      'db-link',
      'nested',
      'missing.txt',
    ]) {
      const refused = await rawRequest(live.baseUrl, {
        path: `/api/runs/${runId}/results/${name}`,
      });
      expect(refused.status, name).toBe(404);
      expect(isErrorShape(refused.json), name).toBe(true);
    }
  });
});
