// Flat config for the whole workspace. The module-boundaries rule enforces the import rules
// in docs/architecture.md: what may import what is decided by project tags, not by review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const TYPESCRIPT_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const JAVASCRIPT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// The layers of libs/client-backend/src, top to bottom (docs/architecture.md, "Inside
// client-backend"): each folder names the folders it must not import. Calls move only down:
// http → queue → runs → capture, store, registry; the three bottom folders import none of each
// other.
// The entry files in src/ (index.ts, cli.ts, cli-options.ts) are imported by no folder; the
// package facts beside them (version.ts, package-root.ts) import nothing and any folder may
// read them. A folder added to src/ gets an entry here: a test fails while one has none.
const CLIENT_BACKEND_LAYERS = {
  http: [],
  queue: ['http'],
  runs: ['http', 'queue'],
  capture: ['http', 'queue', 'runs', 'store', 'registry'],
  store: ['http', 'queue', 'runs', 'capture', 'registry'],
  registry: ['http', 'queue', 'runs', 'capture', 'store'],
};
const CLIENT_BACKEND_ENTRY_FILES = ['index', 'cli', 'cli-options'];

function clientBackendLayerRules([layer, notImported]) {
  const patterns = [
    {
      regex: `^(\\.\\./)+(${CLIENT_BACKEND_ENTRY_FILES.join('|')})\\.js$`,
      message: `client-backend: no layer folder imports an entry file of src/ (${layer}/ is a layer; see docs/architecture.md).`,
    },
  ];
  if (notImported.length > 0)
    patterns.push({
      regex: `^(\\.\\./)+(${notImported.join('|')})(/|$)`,
      message: `client-backend: ${layer}/ must not import ${notImported.map((folder) => `${folder}/`).join(', ')}: imports only go down the layers http → queue → runs → capture | store | registry (docs/architecture.md).`,
    });
  return {
    files: [`libs/client-backend/src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.nx/**',
      'reports/**',
      '**/test/fixtures/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // TypeScript sources: the recommended rules with type information. Among them, a promise
  // nobody awaits loses its rejection, and a promise handed to a callback that expects nothing
  // (an event handler, forEach) runs unobserved: both stay errors for every TypeScript file.
  {
    files: TYPESCRIPT_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // Fastify's async contract: a plugin or hook declared `async` is done when it returns and has
  // failed when it throws. The other form takes a `done` callback that every path must call, and
  // a callback plugin that throws escapes avvio's boot queue as an uncaught exception instead of
  // failing `register()`. So the plugins and hooks in these files stay `async` with nothing to
  // await; their route handlers are plain functions (Fastify sends a handler's returned value).
  {
    files: [
      'libs/client-backend/src/http/routes/*.ts',
      'libs/client-backend/src/http/plugins/*.ts',
      'libs/client-backend/src/http/server.ts',
    ],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  ...Object.entries(CLIENT_BACKEND_LAYERS).map(clientBackendLayerRules),
  // JavaScript files have no types to check: the rules above would only fail to load for them.
  {
    files: JAVASCRIPT_FILES,
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // @prismq/profiling stands alone: every other part may use it, it uses none of them.
            { sourceTag: 'scope:profiling', onlyDependOnLibsWithTags: ['scope:profiling'] },
            // The backend runs scoring and classification as processes; they never reach back.
            {
              sourceTag: 'scope:scoring',
              notDependOnLibsWithTags: [
                'scope:client-backend',
                'scope:classification',
                'type:bench',
                'type:tools',
              ],
            },
            {
              sourceTag: 'scope:classification',
              notDependOnLibsWithTags: [
                'scope:client-backend',
                'scope:scoring',
                'type:bench',
                'type:tools',
              ],
            },
            // The bins' private plumbing, bundled into scoring and classification: it uses no library.
            { sourceTag: 'scope:cli-kit', onlyDependOnLibsWithTags: ['scope:cli-kit'] },
            // Libraries never import benchmark projects or tools.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Benchmarks measure libraries and judge them against benchmarks/targets.json through
            // the tools' targets schema (the one schema of that file); never each other.
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:lib', 'type:tools'] },
            // Tools read results through @prismq/profiling's schema, never a library's internals.
            {
              sourceTag: 'type:tools',
              onlyDependOnLibsWithTags: ['scope:profiling', 'type:tools'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringContaining…) are typed `any` and
      // belong inside expected objects. A test's untyped JSON is still caught where it is used:
      // no-unsafe-member-access, -call, -return and -argument stay on.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  prettier,
);
