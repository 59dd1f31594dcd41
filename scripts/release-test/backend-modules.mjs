// The installed control panel: its own bin and dependencies, on a fresh data folder, over HTTP.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userEnv } from './shell.mjs';

/**
 * Starts the backend installed in `consumer` and runs each built-in module to `completed`, with
 * the API token on and the inputs in the data folder's default input root. `track` receives the
 * process so that it is stopped however the test ends.
 */
export async function runBuiltInModules(consumer, track) {
  const dataDir = join(consumer, 'backend-data');
  mkdirSync(join(dataDir, 'inputs'), { recursive: true });
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
  ];
  writeFileSync(
    join(dataDir, 'inputs', 'items.jsonl'),
    items.map((item) => JSON.stringify(item)).join('\n') + '\n',
  );
  const token = 'release-test-token';
  const backend = spawn(
    join(consumer, 'node_modules', '.bin', 'prismq-backend'),
    ['--data-dir', dataDir, '--port', '0'],
    {
      cwd: consumer,
      env: userEnv({ PRISMQ_API_TOKEN: token, PRISMQ_LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  track(backend);
  let output = '';
  backend.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise((resolveUrl, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`prismq-backend did not start within 30 s:\n${buffer}${output}`)),
      30_000,
    );
    backend.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((text) => text.includes('prismq-backend listening'));
      if (line) {
        clearTimeout(timer);
        resolveUrl(JSON.parse(line).url);
      }
    });
    backend.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prismq-backend exited with ${code} before listening:\n${buffer}${output}`));
    });
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const refused = await fetch(`${baseUrl}/api/modules`);
  if (refused.status !== 401)
    throw new Error(`GET /api/modules without the token answered ${refused.status}, not 401`);
  const runs = {
    demo: { lines: 3, 'delay-ms': 0 },
    'prismq-score': { input: 'items.jsonl' },
    'prismq-classify': { input: 'items.jsonl' },
  };
  for (const [moduleId, parameters] of Object.entries(runs)) {
    const launched = await fetch(`${baseUrl}/api/modules/${moduleId}/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ parameters }),
    });
    const run = await launched.json();
    if (launched.status !== 202)
      throw new Error(`launching ${moduleId} answered ${launched.status}: ${JSON.stringify(run)}`);
    const deadline = Date.now() + 30_000;
    let current = run;
    while (current.status === 'queued' || current.status === 'running') {
      if (Date.now() > deadline)
        throw new Error(`${moduleId} run ${run.runId} is still ${current.status} after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
      current = await (await fetch(`${baseUrl}/api/runs/${run.runId}`, { headers })).json();
    }
    if (current.status !== 'completed') {
      const logs = await (await fetch(`${baseUrl}/api/runs/${run.runId}/logs`, { headers })).json();
      throw new Error(
        `${moduleId} ended ${current.status} (${current.errorMessage}):\n${logs.lines.map((line) => line.text).join('\n')}`,
      );
    }
  }
  const stopped = new Promise((resolveExit) => backend.once('exit', resolveExit));
  backend.kill('SIGTERM');
  const code = await stopped;
  if (code !== 0) throw new Error(`prismq-backend exited with ${code} on SIGTERM:\n${output}`);
}
