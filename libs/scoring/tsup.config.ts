import { defineConfig } from 'tsup';

// The command-line plumbing shared with the other PrismQ bins lives in a private workspace
// package that is never published: it is bundled in, so the tarball needs no such dependency.
const noExternal = ['@prismq/cli-kit'];

export default defineConfig([
  {
    // The library: platform-neutral, so bundlers for browsers, workers and edge runtimes take it.
    entry: { index: 'src/index.ts', schemas: 'src/schemas/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: ['index.*', 'schemas.*'],
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
  },
  {
    // The bin: Node only, never imported.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: ['cli.*'],
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    noExternal,
  },
]);
