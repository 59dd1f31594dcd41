import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultModuleRegistry } from '../../src/registry/default-registry.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the published package can run its built-in demo', () => {
  it('ships every file the default registry runs from the package itself', () => {
    const [report] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: packageDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as [{ files: { path: string }[] }];
    const packed = new Set(report.files.map((file) => file.path));
    const own = [...defaultModuleRegistry().values()]
      .map((module) => module.command[1])
      .filter((script): script is string => script !== undefined && script.startsWith(packageDir))
      .map((script) => path.relative(packageDir, script));
    expect(own).toEqual(['modules/demo.mjs']);
    for (const file of own) expect(packed.has(file), file).toBe(true);
  });
});
