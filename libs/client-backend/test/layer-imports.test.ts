import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of eslint.config.mjs, run through ESLint itself on imports planted in real
// files of each layer: if the config stopped matching the folders (a renamed folder, a glob or
// a pattern that no longer fits), these fail instead of the rule going quiet.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

/** A file of each layer whose text is replaced by the planted import (the file exists, so the type-aware parser finds it in the project). */
const LAYER_FILE: Record<string, string> = {
  http: 'src/http/server-context.ts',
  'http/routes': 'src/http/routes/health-routes.ts',
  queue: 'src/queue/redis-connection.ts',
  runs: 'src/runs/run-queue.ts',
  capture: 'src/capture/ring-buffer.ts',
  store: 'src/store/run-record.ts',
  registry: 'src/registry/validation-issue.ts',
};

async function restrictedImports(layer: string, specifier: string): Promise<Linter.LintMessage[]> {
  const file = LAYER_FILE[layer];
  if (file === undefined) throw new Error(`no file for layer ${layer}`);
  const text = `import type * as planted from '${specifier}';\nexport type Planted = typeof planted;\n`;
  const [result] = await eslint.lintText(text, { filePath: path.join(packageDir, file) });
  expect(result?.messages.filter((message) => message.fatal === true)).toEqual([]);
  return result?.messages.filter((message) => message.ruleId === 'no-restricted-imports') ?? [];
}

// The first lint builds the TypeScript program of the package, which takes a while.
describe('client-backend layer imports', { timeout: 120_000 }, () => {
  it.each([
    ['runs', '../http/errors.js'],
    ['runs', '../cli-options.js'],
    ['runs', '../queue/queue-executor.js'],
    ['queue', '../http/server.js'],
    ['queue', '../cli.js'],
    ['store', '../queue/queue-protocol.js'],
    ['capture', '../queue/run-stream-writer.js'],
    ['store', '../runs/run-manager.js'],
    ['store', '../http/server.js'],
    ['store', '../capture/log-line.js'],
    ['store', '../registry/module-schema.js'],
    ['capture', '../store/run-record.js'],
    ['capture', '../runs/run-errors.js'],
    ['registry', '../store/run-record.js'],
    ['registry', '../http/errors.js'],
    ['http', '../index.js'],
    ['http/routes', '../../cli.js'],
  ])('%s/ importing %s fails lint', async (layer, specifier) => {
    const messages = await restrictedImports(layer, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toContain('client-backend');
  });

  it.each([
    ['http', '../runs/run-manager.js'],
    ['http/routes', '../../runs/run-errors.js'],
    ['http', '../store/run-store.js'],
    ['runs', '../store/run-store.js'],
    ['runs', '../capture/output-capture.js'],
    ['runs', '../registry/module-schema.js'],
    ['http', '../queue/queue-executor.js'],
    ['queue', '../runs/module-process.js'],
    ['queue', '../capture/output-capture.js'],
    ['queue', '../store/data-dir-lock.js'],
    ['queue', '../registry/module-registry.js'],
    ['store', './run-store.js'],
    ['registry', '../version.js'],
    ['capture', '../package-root.js'],
  ])('%s/ importing %s passes', async (layer, specifier) => {
    expect(await restrictedImports(layer, specifier)).toEqual([]);
  });

  it('has a layer rule for every folder of src/', async () => {
    const folders = readdirSync(path.join(packageDir, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders).toEqual(
      expect.arrayContaining(['capture', 'http', 'queue', 'registry', 'runs', 'store']),
    );
    for (const folder of folders) {
      const config = (await eslint.calculateConfigForFile(
        path.join(packageDir, 'src', folder, 'any.ts'),
      )) as Linter.Config;
      const rule = config.rules?.['no-restricted-imports'];
      expect(Array.isArray(rule) ? rule[0] : rule, folder).toBe(2);
    }
  });
});
