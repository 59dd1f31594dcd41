import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeDataDir,
  rawRequest,
  removeDataDir,
  startLiveServer,
  waitForRun,
  postRun,
} from './security-server.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('hostile module output cannot break the run history', () => {
  it('keeps a progress line with numbers beyond the safe integers as a plain log line', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    let live = await startLiveServer({ dataDir });
    const launched = await postRun(live.baseUrl, 'hostile');
    const { runId } = launched.json as { runId: string };
    const run = await waitForRun(live.baseUrl, runId, ['completed', 'failed']);
    expect(run).toMatchObject({
      status: 'completed',
      progress: { processed: 0, total: null, percent: null },
    });
    const list = await rawRequest(live.baseUrl, { path: '/api/runs' });
    expect(list.status, list.body).toBe(200);
    const logs = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/logs` });
    const texts = (logs.json as { lines: { text: string }[] }).lines.map((line) => line.text);
    expect(texts[0]).toMatch(/^::progress processed=9{400} total=1$/);
    expect(texts).toContain('still here');
    const results = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/results` });
    expect(results.status).toBe(200);
    expect((results.json as { files: { name: string }[] }).files.map((file) => file.name)).toEqual([
      'real.txt',
    ]);
    const link = await rawRequest(live.baseUrl, { path: `/api/runs/${runId}/results/passwd` });
    expect(link.status).toBe(404);

    await live.server.close();
    live = await startLiveServer({ dataDir });
    try {
      expect((await rawRequest(live.baseUrl, { path: '/api/runs' })).status).toBe(200);
      expect((await rawRequest(live.baseUrl, { path: `/api/runs/${runId}` })).status).toBe(200);
    } finally {
      await live.server.close();
    }
  });

  it('repairs rows an older version stored with Infinity, and reads odd rows without failing', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = await startLiveServer({ dataDir });
    const launched = await postRun(first.baseUrl, 'echo');
    const { runId } = launched.json as { runId: string };
    await waitForRun(first.baseUrl, runId, ['completed']);
    await first.server.close();

    // Put the file back to the first schema version with the values an older server stored.
    const db = new Database(path.join(dataDir, 'prismq.db'));
    db.exec('ALTER TABLE runs DROP COLUMN pgid; ALTER TABLE runs DROP COLUMN process_start;');
    db.prepare('UPDATE runs SET processed = ?, total = ?, percent = ?, duration_ms = ?').run(
      Infinity,
      -Infinity,
      Infinity,
      Infinity,
    );
    db.prepare('INSERT OR REPLACE INTO module_configs VALUES (?, ?, ?)').run(
      'echo',
      '{"message": {"nested": 1}, "count": ',
      'yesterday',
    );
    db.pragma('user_version = 1');
    db.close();

    const second = await startLiveServer({ dataDir });
    try {
      const one = await rawRequest(second.baseUrl, { path: `/api/runs/${runId}` });
      expect(one.status, one.body).toBe(200);
      expect(one.json).toMatchObject({
        progress: { processed: 0, total: null, percent: null },
        durationMs: null,
      });
      expect((await rawRequest(second.baseUrl, { path: '/api/runs' })).status).toBe(200);
      const config = await rawRequest(second.baseUrl, { path: '/api/modules/echo/config' });
      expect(config.status, config.body).toBe(200);
      expect((config.json as { parameters: unknown }).parameters).toEqual({});
    } finally {
      await second.server.close();
    }
    const repaired = new Database(path.join(dataDir, 'prismq.db'), { readonly: true });
    expect(
      repaired.prepare('SELECT processed, total, percent, duration_ms FROM runs').get(),
    ).toEqual({ processed: 0, total: null, percent: null, duration_ms: null });
    repaired.close();
  });
});
