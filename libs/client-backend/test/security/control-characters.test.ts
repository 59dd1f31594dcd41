import { readFileSync } from 'node:fs';
import path from 'node:path';
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

function details(body: unknown): { field: string; rule: string; message: string }[] {
  return (body as { error: { details: { field: string; rule: string; message: string }[] } }).error
    .details;
}

describe('NUL bytes and other control characters', () => {
  it('refuses them in a saved config, so later runs are not broken', async () => {
    const response = await rawRequest(live.baseUrl, {
      method: 'PUT',
      path: '/api/modules/echo/config',
      body: JSON.stringify({ parameters: { message: 'x\u0000y' } }),
    });
    expect(response.status).toBe(400);
    expect(details(response.json)).toEqual([
      expect.objectContaining({ field: 'parameters.message', rule: 'control-character' }),
    ]);
    const config = await rawRequest(live.baseUrl, { path: '/api/modules/echo/config' });
    expect(config.body).not.toContain('\\u0000');
    const run = await postRun(live.baseUrl, 'echo');
    const { runId } = run.json as { runId: string };
    expect((await waitForRun(live.baseUrl, runId, ['completed', 'failed'])).status).toBe(
      'completed',
    );
  });

  it.each([
    ['message', 'bell\u0007'],
    ['message', 'escape\u001b[31m'],
    ['message', 'carriage\rreturn'],
    ['message', 'delete\u007f'],
    ['input', 'in\nput'],
    ['output', 'out\tput'],
  ])('refuses %s holding a control character', async (name, value) => {
    const response = await postRun(
      live.baseUrl,
      'echo',
      JSON.stringify({ parameters: { [name]: value } }),
    );
    expect(response.status).toBe(400);
    expect(details(response.json)[0]).toMatchObject({
      field: `parameters.${name}`,
      rule: 'control-character',
    });
  });

  it('lets free text hold tabs and newlines', async () => {
    const response = await postRun(
      live.baseUrl,
      'echo',
      JSON.stringify({ parameters: { message: 'two\tcolumns\nand lines' } }),
    );
    expect(response.status).toBe(202);
  });

  it('never echoes a refused password, in the answer, the history or the log', async () => {
    const secret = 'hunter2\u0000-super-secret';
    const response = await postRun(
      live.baseUrl,
      'echo',
      JSON.stringify({ parameters: { secret } }),
    );
    expect(response.status).toBe(400);
    expect(details(response.json)[0]).toMatchObject({ field: 'parameters.secret' });
    expect(response.body).not.toContain('hunter2');
    const history = await rawRequest(live.baseUrl, { path: '/api/runs?limit=500' });
    expect(history.body).not.toContain('hunter2');
    const db = readFileSync(path.join(live.dataDir, 'prismq.db')).toString('latin1');
    expect(db).not.toContain('hunter2');
  });
});
