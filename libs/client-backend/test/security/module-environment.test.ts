import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, spawnCli, waitForListening } from '../cli-process.js';
import {
  SECURITY_MODULES,
  makeDataDir,
  rawRequest,
  removeDataDir,
  waitForRun,
} from './security-server.js';

const TOKEN = 'the-token-no-module-may-see';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let dataDir: string;
let child: ReturnType<typeof spawnCli>;
let done: ReturnType<typeof collect>;
let baseUrl: string;

beforeAll(async () => {
  dataDir = makeDataDir();
  child = spawnCli(['--modules', SECURITY_MODULES, '--data-dir', dataDir, '--port', '0'], {
    PRISMQ_API_TOKEN: TOKEN,
    DATABASE_PASSWORD: 'server-side-secret',
    AWS_SECRET_ACCESS_KEY: 'another-secret',
    COPY_OF_TOKEN: TOKEN,
    PRISMQ_TEST_PASSED: 'listed-in-the-registry',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
  });
  done = collect(child);
  baseUrl = await waitForListening(child);
});
afterAll(async () => {
  child.kill('SIGTERM');
  await done;
  removeDataDir(dataDir);
});

describe('module environment', () => {
  it('holds the base set, the names the registry lists and the run variables, never the token', async () => {
    const launched = await rawRequest(baseUrl, {
      method: 'POST',
      path: '/api/modules/print-env/runs',
      headers: AUTH,
      body: '{}',
    });
    expect(launched.status, launched.body).toBe(202);
    const { runId } = launched.json as { runId: string };
    const run = await waitForRun(baseUrl, runId, ['completed', 'failed'], AUTH);
    expect(run.status).toBe('completed');
    const logs = await rawRequest(baseUrl, { path: `/api/runs/${runId}/logs`, headers: AUTH });
    const line = (logs.json as { lines: { text: string }[] }).lines[0]?.text ?? '{}';
    const env = JSON.parse(line) as Record<string, string>;

    expect(env.PRISMQ_TEST_PASSED).toBe('listed-in-the-registry');
    expect(env.PRISMQ_RUN_ID).toBe(runId);
    expect(env.PRISMQ_OUTPUT_DIR).toBe(`${dataDir}/runs/${runId}/output`);
    expect(env.LC_ALL).toBe('C.UTF-8');
    expect(env.TZ).toBe('UTC');
    expect(env.PATH).toBe(process.env.PATH);
    for (const name of [
      'PRISMQ_API_TOKEN',
      'DATABASE_PASSWORD',
      'AWS_SECRET_ACCESS_KEY',
      'COPY_OF_TOKEN',
    ])
      expect(env, name).not.toHaveProperty(name);
    expect(line).not.toContain(TOKEN);
    const allowed =
      /^(PATH|HOME|USER|LANG|TZ|TMPDIR|TERM|LC_.*|PRISMQ_TEST_PASSED|PRISMQ_RUN_ID|PRISMQ_OUTPUT_DIR)$/;
    // Node itself may add a variable or two of its own at start-up; none comes from the server.
    expect(Object.keys(env).filter((name) => !allowed.test(name) && name in process.env)).toEqual(
      [],
    );
  });
});
