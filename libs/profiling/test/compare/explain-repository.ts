import { createWorkspaceRepository } from './compare-repository.js';

/** Marks the planted lines of the library's source. */
export const PLANT_BEGIN = '// planted work begins';
export const PLANT_END = '// planted work ends';

/**
 * The TypeScript library under test. `planted` carries extra work between the markers when
 * `withPlant` is set; `allocate` builds `arrays` arrays of 1024 numbers per call, next to a spin
 * loop that dominates its time.
 */
export function librarySource(withPlant: boolean, arrays = 1): string {
  return `export function mix(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}

export function planted(n: number): number {
  let x = mix(n);
  ${PLANT_BEGIN}
${
  withPlant
    ? `  for (let i = 0; i < 2 * n; i++) {
    x = (x * 17 + (i ^ (x >>> 3))) | 0;
  }`
    : '  x = x | 0;'
}
  ${PLANT_END}
  return x;
}

export function steady(n: number): number {
  return mix(n) ^ 7;
}

export function allocate(n: number): number[][] {
  const kept: number[][] = [];
  for (let k = 0; k < ${arrays}; k++) kept.push(new Array<number>(1024).fill(k + n));
  kept.push([mix(n)]);
  return kept;
}
`;
}

const BENCH = `
import { bench, do_not_optimize } from 'mitata';
import { allocate, planted, steady } from '@demo/work';

bench('demo/work/planted', () => do_not_optimize(planted(20000)));
bench('demo/work/steady', () => do_not_optimize(steady(20000)));
bench('demo/work/allocate', () => do_not_optimize(allocate(40000)));
`;

// esbuild bundles the library with a source map, as the workspace's own builds do.
const BUILD = `import { build } from 'esbuild';
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  sourcemap: true,
  logLevel: 'warning',
});
`;

/**
 * A git repository holding a small npm workspace whose library is TypeScript, built by its
 * `build` script into `dist/` with a source map; commit A has no planted work.
 */
export function createBuiltRepository(): string {
  return createWorkspaceRepository(
    'prismq-explain-repo-',
    {
      '.gitignore': 'node_modules/\nreports/\nout/\ndist/\n',
      'libs/work/package.json': JSON.stringify({
        name: '@demo/work',
        type: 'module',
        exports: './dist/index.js',
        scripts: { build: 'node build.mjs' },
      }),
      'libs/work/build.mjs': BUILD,
      'libs/work/src/index.ts': librarySource(false),
      'benchmarks/demo/package.json': JSON.stringify({
        name: '@demo/bench',
        type: 'module',
        scripts: { bench: 'prismq-bench --project demo' },
        dependencies: { '@demo/work': '*' },
      }),
      'benchmarks/demo/src/work.bench.ts': BENCH,
    },
    ['mitata', 'esbuild'],
  );
}

/** 1-based lines of the planted range (between the markers) in a library source. */
export function plantedRange(source: string): { first: number; last: number } {
  const lines = source.split('\n');
  return {
    first: lines.findIndex((l) => l.includes(PLANT_BEGIN)) + 2,
    last: lines.findIndex((l) => l.includes(PLANT_END)),
  };
}
