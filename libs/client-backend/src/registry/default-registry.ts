import path from 'node:path';
import { createRequire } from 'node:module';
import { packageRoot } from '../package-root.js';
import { ModuleDefinitionSchema, type ModuleDefinition } from './module-schema.js';
import type { ModuleRegistry } from './module-registry.js';

/**
 * Finds a workspace package's CLI through Node's resolution, so the default registry works
 * wherever npm placed the dependency. Returns a path that does not exist when the package is
 * missing: the run then fails with "cannot start" instead of the server refusing to boot.
 */
function resolvePackageBin(packageName: string, binName: string): string {
  const require = createRequire(path.join(packageRoot(), 'package.json'));
  try {
    const manifestPath = require.resolve(`${packageName}/package.json`);
    const manifest = require(manifestPath) as { bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
    return path.resolve(path.dirname(manifestPath), bin ?? 'dist/cli.js');
  } catch {
    return path.join(packageRoot(), 'node_modules', packageName, 'dist', 'cli.js');
  }
}

/**
 * The registry a fresh server starts with: the scoring and classification CLIs of the PrismQ
 * toolkit and a small demo module shipped in this package.
 */
export function defaultModuleRegistry(): ModuleRegistry {
  const input = {
    name: 'input',
    type: 'path',
    access: 'read',
    required: true,
    description:
      'JSON lines file to read, inside an input root (--allow-read, default <data-dir>/inputs); relative paths resolve against the first root.',
  };
  const strict = {
    name: 'strict',
    type: 'checkbox',
    default: false,
    description:
      'Stop at the first malformed line and fail the run; without it such a line is skipped with a warning in the log.',
  };
  const modules: unknown[] = [
    {
      id: 'prismq-score',
      name: 'Content Scoring',
      description: 'Scores content items (JSON lines in, JSON lines out) with @prismq/scoring.',
      category: 'Processing',
      version: '0.1.0',
      command: [process.execPath, resolvePackageBin('@prismq/scoring', 'prismq-score')],
      parameters: [
        input,
        {
          name: 'output',
          type: 'path',
          access: 'write',
          default: 'scores.jsonl',
          description: 'Where the scored records go, inside the run output folder.',
        },
        strict,
      ],
      tags: ['scoring'],
    },
    {
      id: 'prismq-classify',
      name: 'Content Classification',
      description:
        'Classifies content items (JSON lines in, JSON lines out) with @prismq/classification.',
      category: 'Processing',
      version: '0.1.0',
      command: [process.execPath, resolvePackageBin('@prismq/classification', 'prismq-classify')],
      // The classifier writes its results to stdout, so they are in the run log.
      parameters: [
        input,
        strict,
        {
          name: 'threshold',
          type: 'number',
          default: 0.3,
          min: 0,
          max: 1,
          description: 'Story threshold.',
        },
      ],
      tags: ['classification'],
    },
    {
      id: 'demo',
      name: 'Demo',
      description: 'Prints numbered lines with progress and writes demo-summary.json.',
      category: 'Examples',
      version: '0.1.0',
      command: [process.execPath, path.join(packageRoot(), 'modules', 'demo.mjs')],
      parameters: [
        { name: 'lines', type: 'number', integer: true, default: 20, min: 0, max: 1_000_000 },
        { name: 'delay-ms', type: 'number', integer: true, default: 50, min: 0, max: 60_000 },
        {
          name: 'burst',
          type: 'number',
          integer: true,
          default: 1,
          min: 1,
          max: 1_000_000,
          description: 'Lines printed between two delays.',
        },
        {
          name: 'message',
          type: 'text',
          default: 'hello from the demo module',
          validation: { pattern: '^[^\\n]{0,200}$' },
        },
        { name: 'fail', type: 'checkbox', default: false },
      ],
      tags: ['demo'],
    },
  ];
  return new Map(
    modules.map((module) => {
      const parsed: ModuleDefinition = ModuleDefinitionSchema.parse(module);
      return [parsed.id, parsed];
    }),
  );
}
