import { defineConfig } from 'tsup';

const shared = {
  dts: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  // import.meta.url in the CommonJS build: the profiler finds its own files with it.
  shims: true,
  treeshake: true,
} as const;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'stats/index': 'src/stats/index.ts',
      'flamegraph/index': 'src/flamegraph/index.ts',
    },
    format: ['esm', 'cjs'],
    clean: true,
  },
  // The bin is an ES module only: it relies on import.meta to find itself and tsx.
  {
    ...shared,
    entry: { cli: 'src/cli.ts', 'compare-worker': 'src/compare/compare-worker.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
  },
]);
