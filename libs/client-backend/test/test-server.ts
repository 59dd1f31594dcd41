import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type PrismqServer } from '../src/http/server.js';
import type { ServerOptionsInput } from '../src/http/server-options.js';

/** The test registry, whose commands are the scripts in test/fixtures. */
export const FIXTURE_MODULES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'modules.json',
);

/** A fresh data folder under the OS temp folder; remove it with {@link removeDataDir}. */
export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'prismq-backend-test-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A server on the fixture registry with quiet logs; the caller closes it. */
export function startTestServer(
  dataDir: string,
  options: ServerOptionsInput = {},
): Promise<PrismqServer> {
  return createServer({
    modulesFile: FIXTURE_MODULES,
    dataDir,
    port: 0,
    logLevel: 'silent',
    killGraceMs: 500,
    ...options,
  });
}
