// Each package from both module systems and from TypeScript, as a consumer writes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, userEnv } from './shell.mjs';

// One documented export per package, checked in both module systems.
const probes = {
  '@prismq/profiling': 'readBenchmarkRun',
  '@prismq/scoring': 'universalContentScore',
  '@prismq/classification': 'CategoryClassifier',
  '@prismq/client-backend': 'createServer',
};

/** Each package from an ES module: `import()` gives the export the package is known by. */
export function checkEsmImports(consumer) {
  const esm = Object.entries(probes)
    .map(
      ([name, symbol]) =>
        `{ const m = await import('${name}'); if (typeof m.${symbol} === 'undefined') throw new Error('${name} (ESM) lacks ${symbol}'); }`,
    )
    .join('\n');
  run(process.execPath, ['--input-type=module', '-e', esm], consumer, userEnv());
}

/** Each package required from a .js file of the CommonJS consumer. */
export function checkCjsRequires(consumer) {
  const cjs = Object.entries(probes)
    .map(
      ([name, symbol]) =>
        `{ const m = require('${name}'); if (typeof m.${symbol} === 'undefined') throw new Error('${name} (CJS) lacks ${symbol}'); }`,
    )
    .join('\n');
  writeFileSync(join(consumer, 'require-all.js'), `${cjs}\n`);
  run(process.execPath, ['require-all.js'], consumer, userEnv());
}

/**
 * The package types as a TypeScript user meets them (nodenext): a .ts file of this CommonJS
 * package, an .mts file (ES module) and a .cts file with `import = require`.
 */
export function checkTypeScriptConsumer(consumer) {
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        include: ['consumer.ts', 'consumer.mts', 'consumer.cts'],
      },
      null,
      2,
    ),
  );
  const importing = [
    "import { readBenchmarkRun, type BenchmarkRun } from '@prismq/profiling';",
    "import { universalContentScore } from '@prismq/scoring';",
    "import { CategoryClassifier } from '@prismq/classification';",
    "import { createServer } from '@prismq/client-backend';",
    'const ucs: number = universalContentScore({ views: 1000, likes: 10 }).universalContentScore;',
    'const reader: (path: string) => BenchmarkRun = readBenchmarkRun;',
    'const classifier = new CategoryClassifier();',
    'export const used = [ucs, reader, classifier, createServer];',
    '',
  ].join('\n');
  writeFileSync(join(consumer, 'consumer.ts'), importing);
  writeFileSync(join(consumer, 'consumer.mts'), importing);
  writeFileSync(
    join(consumer, 'consumer.cts'),
    [
      "import profiling = require('@prismq/profiling');",
      "import scoring = require('@prismq/scoring');",
      "import classification = require('@prismq/classification');",
      "import backend = require('@prismq/client-backend');",
      'export const used = [profiling.readBenchmarkRun, scoring.universalContentScore, classification.CategoryClassifier, backend.createServer];',
      '',
    ].join('\n'),
  );
  run(
    process.execPath,
    [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
    consumer,
    userEnv(),
  );
}
