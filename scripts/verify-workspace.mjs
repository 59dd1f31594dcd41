#!/usr/bin/env node
// Checks two promises of the workspace that no single project's tests can see:
// 1. the dependency rules of docs/architecture.md are enforced: a forbidden import fails lint;
// 2. `nx affected` follows the project graph: a change to scoring affects scoring and what
//    depends on it, never classification.
// Nothing is written to the source tree: the probe file is linted from standard input.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };
let failures = 0;

function check(label, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) {
    failures += 1;
    if (detail) console.log(detail);
  }
}

function lintProbe(file, source) {
  return spawnSync(
    process.execPath,
    [
      'node_modules/eslint/bin/eslint.js',
      '--stdin',
      '--stdin-filename',
      file,
      // A probe exists only on stdin, so no tsconfig holds it: lint it without type information,
      // which the boundary rule does not need, and so with every type-checked rule off.
      '--parser-options',
      'projectService:false',
      '--rule',
      JSON.stringify(tseslint.configs.disableTypeChecked.rules),
    ],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
      env,
    },
  );
}

const forbidden = [
  [
    'libs/scoring/src/boundary-probe.ts',
    "import { createServer } from '@prismq/client-backend';\nexport const probe = createServer;\n",
    'scoring → client-backend',
  ],
  [
    'libs/classification/src/boundary-probe.ts',
    "import { scoreText } from '@prismq/scoring';\nexport const probe = scoreText;\n",
    'classification → scoring',
  ],
  [
    'libs/profiling/src/boundary-probe.ts',
    "import { scoreText } from '@prismq/scoring';\nexport const probe = scoreText;\n",
    'profiling → scoring',
  ],
  [
    'tools/perf-tools/src/boundary-probe.ts',
    "import { scoreText } from '@prismq/scoring';\nexport const probe = scoreText;\n",
    'tools → scoring internals',
  ],
];
for (const [file, source, label] of forbidden) {
  const result = lintProbe(file, source);
  const text = `${result.stdout}${result.stderr}`;
  check(
    `forbidden import fails lint: ${label}`,
    result.status !== 0 && text.includes('enforce-module-boundaries'),
    text,
  );
}
const allowed = lintProbe(
  'libs/scoring/src/boundary-probe.ts',
  "import { readBenchmarkRun } from '@prismq/profiling';\nexport const probe = readBenchmarkRun;\n",
);
check(
  'allowed import passes lint: scoring → profiling',
  allowed.status === 0,
  `${allowed.stdout}${allowed.stderr}`,
);

const affected = spawnSync(
  process.execPath,
  [
    'node_modules/nx/bin/nx.js',
    'show',
    'projects',
    '--affected',
    '--files=libs/scoring/src/index.ts',
    '--json',
  ],
  { cwd: root, encoding: 'utf8', env },
);
let projects = [];
try {
  projects = JSON.parse(affected.stdout);
} catch {
  check('nx show projects --affected answers JSON', false, `${affected.stdout}${affected.stderr}`);
}
check(`a scoring change affects scoring (${projects.join(', ')})`, projects.includes('scoring'));
check('… and scoring-bench', projects.includes('scoring-bench'));
check('… and client-backend, which runs it', projects.includes('client-backend'));
check(
  '… but not classification',
  !projects.includes('classification') && !projects.includes('classification-bench'),
);

if (failures > 0) {
  console.log(`${failures} workspace check(s) failed`);
  process.exit(1);
}
console.log('workspace checks passed');
