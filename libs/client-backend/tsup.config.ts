import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: ['src/index.ts', 'src/cli.ts'],
  dts: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  // version.ts and package-root.ts use import.meta.url; the CJS build needs the shim.
  shims: true,
};

export default defineConfig([
  // ESM is split into chunks so the CLI can load the HTTP stack lazily: it takes the data
  // folder's lock first, and a second server on the same folder exits before loading Fastify.
  { ...common, format: ['esm'], splitting: true, clean: true },
  { ...common, format: ['cjs'], splitting: false },
  // The process a queue worker starts in a module's place (dist/module-guard.js); it imports
  // nothing of the package, so it loads fast for every run.
  {
    entry: { 'module-guard': 'src/queue/module-guard.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
  },
]);
