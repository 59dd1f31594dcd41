import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { CpuProfile } from '../../src/profilers/cpu-profile.js';
import { PACKAGE_DIR, type TempWorkspace } from '../temp-workspace.js';

/** The fixture module the source-map tests build and profile. */
export const FIXTURE = join(PACKAGE_DIR, 'test', 'fixtures', 'source-maps', 'hot-loop.ts');

/** 1-based lines of the fixture: the hot function's first and last line, and the loop body. */
export function fixtureLines(): { start: number; end: number; loop: number } {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('export function sumRoots')) + 1;
  const loop = lines.findIndex((l) => l.includes('// hot loop line')) + 1;
  const end = lines.findIndex((l, i) => i >= start && l === '}') + 1;
  return { start, end, loop };
}

/**
 * Copies the fixture to `<ws>/src/hot-loop.ts` and bundles it with esbuild into
 * `<ws>/<outDir>/hot-loop.js` with a source map (`inline` puts it in a data URL).
 */
export async function buildFixture(
  ws: TempWorkspace,
  outDir = 'dist',
  sourcemap: true | 'inline' = true,
): Promise<string> {
  const source = ws.write('src/hot-loop.ts', readFileSync(FIXTURE, 'utf8'));
  const outfile = join(ws.dir, outDir, 'hot-loop.js');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    sourcemap,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Profiles the built module's hot loop in a child Node process (with the built
 * @prismq/profiling), so that V8 runs the bundle as esbuild wrote it: a test runner's module
 * loader would wrap it and shift its lines. Writes `<ws>/reports/hot-loop_*.{cpuprofile,cpu.json,cpu.txt}`.
 */
export function profileHotLoop(ws: TempWorkspace, builtFile: string): void {
  const script = ws.write(
    'profile-hot-loop.mjs',
    `import { profileFunction } from ${JSON.stringify(pathToFileURL(join(PACKAGE_DIR, 'dist', 'index.js')).href)};
import { sumRoots } from ${JSON.stringify(pathToFileURL(builtFile).href)};

// Works until it has used \`ms\` of CPU time, which a loaded machine does not shorten.
function hotLoop(ms) {
  const cpuStart = process.cpuUsage();
  let x = 0;
  for (;;) {
    x += sumRoots({ terms: 20000, scale: 3 }).total;
    const used = process.cpuUsage(cpuStart);
    if ((used.user + used.system) / 1000 >= ms) return x;
  }
}
hotLoop(20); // optimized code, as a benchmark profiles it
await profileFunction(() => hotLoop(250), {
  name: 'hot-loop',
  outputDir: ${JSON.stringify(join(ws.dir, 'reports'))},
  sourceRoot: ${JSON.stringify(ws.dir)},
});
`,
  );
  execFileSync(process.execPath, [script], { cwd: ws.dir, stdio: 'pipe' });
}

/** The one file of `dir` whose name ends with `suffix`. */
export function reportFile(dir: string, suffix: string): string {
  const name = readdirSync(dir).find((n) => n.endsWith(suffix));
  if (!name) throw new Error(`no *${suffix} in ${dir}`);
  return join(dir, name);
}

/** A profile whose frames in `from` (a built file) now point at `to`, a copy of it. */
export function profilePointingAt(profile: CpuProfile, from: string, to: string): CpuProfile {
  const fromUrl = pathToFileURL(from).href;
  const toUrl = pathToFileURL(to).href;
  return {
    ...profile,
    nodes: profile.nodes.map((node) => ({
      ...node,
      callFrame: {
        ...node.callFrame,
        url: node.callFrame.url === fromUrl ? toUrl : node.callFrame.url,
      },
    })),
  };
}

/** Copies the built folder `<ws>/dist` to `<ws>/<name>`, returning the copy of the bundle. */
export function copyBuild(ws: TempWorkspace, name: string): string {
  cpSync(join(ws.dir, 'dist'), join(ws.dir, name), { recursive: true });
  return join(ws.dir, name, 'hot-loop.js');
}
