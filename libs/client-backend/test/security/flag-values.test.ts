import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  rawRequest,
  startLiveServer,
  waitForRun,
  type LiveServer,
  postRun,
} from './security-server.js';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live.stop());

async function argvOf(parameters: Record<string, unknown>): Promise<string[]> {
  const launched = await postRun(
    live.baseUrl,
    'echo',
    JSON.stringify({ parameters, saveConfig: false }),
  );
  expect(launched.status, launched.body).toBe(202);
  const { runId } = launched.json as { runId: string };
  expect((await waitForRun(live.baseUrl, runId, ['completed', 'failed'])).status).toBe('completed');
  const logs = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/logs` });
  const first = (logs.json as { lines: { text: string }[] }).lines[0]?.text ?? '';
  return JSON.parse(first.replace(/^argv /, '')) as string[];
}

describe('values that look like flags stay values', () => {
  it('passes each value as one --name=value argument', async () => {
    expect(await argvOf({ message: '--force', count: -1, loud: true })).toEqual([
      '--message=--force',
      '--count=-1',
      '--loud',
    ]);
    expect(await argvOf({ message: '-rf /', loud: false })).toEqual(['--message=-rf /']);
  });

  it('refuses a fraction for a declared integer', async () => {
    const response = await postRun(
      live.baseUrl,
      'echo',
      JSON.stringify({ parameters: { whole: 1.5 } }),
    );
    expect(response.status).toBe(400);
    expect((response.json as { error: { details: unknown[] } }).error.details).toEqual([
      expect.objectContaining({ field: 'parameters.whole', rule: 'integer' }),
    ]);
  });

  it('lets the demo module print a message that starts with dashes', async () => {
    const demo = await startLiveServer({ modulesFile: undefined });
    try {
      const launched = await postRun(
        demo.baseUrl,
        'demo',
        JSON.stringify({ parameters: { message: '--force', lines: 2, 'delay-ms': 0 } }),
      );
      const { runId } = launched.json as { runId: string };
      expect((await waitForRun(demo.baseUrl, runId, ['completed', 'failed'])).status).toBe(
        'completed',
      );
      const logs = await rawRequest(demo.baseUrl, { path: `/api/runs/${runId}/logs` });
      const texts = (logs.json as { lines: { text: string }[] }).lines.map((line) => line.text);
      expect(texts).toContain('--force #1');
      const fraction = await postRun(
        demo.baseUrl,
        'demo',
        JSON.stringify({ parameters: { lines: 1.5 } }),
      );
      expect(fraction.status).toBe(400);
    } finally {
      await demo.stop();
    }
  });
});
