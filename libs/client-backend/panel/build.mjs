// Builds the control panel page into dist/panel: one hashed script, one hashed stylesheet and a
// hashed icon under assets/, and index.html naming them. Runs after tsup (which empties dist/).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const panelDir = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(panelDir, '..', 'dist', 'panel');
const assetsDir = path.join(outDir, 'assets');
// Old hashed files would otherwise linger and be served too.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });

const result = await build({
  absWorkingDir: panelDir,
  entryPoints: { panel: 'src/main.tsx' },
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: path.join(panelDir, 'tsconfig.json'),
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs);
const script = outputs.find(([, output]) => output.entryPoint === 'src/main.tsx');
if (script === undefined)
  throw new Error('panel build: esbuild produced no script for src/main.tsx');
const stylesheet = script[1].cssBundle;
if (stylesheet === undefined) throw new Error('panel build: src/main.tsx imports no stylesheet');

const icon = readFileSync(path.join(panelDir, 'icon.svg'));
const iconName = `icon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
writeFileSync(path.join(assetsDir, iconName), icon);

/** URL of a file under dist/panel, as the page refers to it. */
const href = (file) =>
  `/${path.relative(outDir, path.resolve(panelDir, file)).split(path.sep).join('/')}`;
const html = readFileSync(path.join(panelDir, 'index.html'), 'utf8')
  .replace('%SCRIPT%', href(script[0]))
  .replace('%STYLES%', href(stylesheet))
  .replace('%ICON%', `/assets/${iconName}`);
writeFileSync(path.join(outDir, 'index.html'), html);
