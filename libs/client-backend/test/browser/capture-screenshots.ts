/// <reference lib="dom" />
// Takes the README's screenshots of the control panel (desktop and 360 px wide) into docs/images.
// Run from the repository root after building the package:
//   npx nx run client-backend:build && npx tsx libs/client-backend/test/browser/capture-screenshots.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../../src/http/server.js';
import { makeDataDir, removeDataDir } from '../test-server.js';
import { waitFor } from '../wait-for.js';
import { findChromium, launchChromium, openPage } from './browser.js';

const imagesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/images',
);
const chromium = findChromium();
if (chromium === undefined) throw new Error('chromium is not installed');

const dataDir = makeDataDir();
const server = await createServer({ port: 0, dataDir, logLevel: 'silent', killGraceMs: 500 });
const origin = await server.listen();
const browser = await launchChromium(chromium);

async function launch(parameters: Record<string, string | number | boolean>): Promise<string> {
  const response = await fetch(`${origin}/api/modules/demo/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ parameters, saveConfig: false }),
  });
  return ((await response.json()) as { runId: string }).runId;
}

async function finished(runId: string): Promise<void> {
  await waitFor(
    async () => {
      const run = (await (await fetch(`${origin}/api/runs/${runId}`)).json()) as {
        status: string;
      };
      return ['completed', 'failed', 'cancelled'].includes(run.status);
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `run ${runId} finishing` },
  );
}

try {
  await finished(await launch({ lines: 30, 'delay-ms': 5, message: 'warm-up' }));
  const failed = await launch({
    lines: 6,
    'delay-ms': 5,
    message: 'WARNING: slow item',
    fail: true,
  });
  await finished(failed);
  const live = await launch({ lines: 400, 'delay-ms': 40, message: 'processing item' });

  const desktop = await openPage(browser, origin, { width: 1280, height: 900 });
  await desktop.page.goto(`${origin}/#/runs/${live}`);
  await desktop.page.locator('li[data-module="demo"] summary').click();
  await desktop.page.waitForSelector('#param-demo-message');
  await desktop.page.waitForFunction(() => document.querySelectorAll('.log .log-line').length > 40);
  await desktop.page.screenshot({ path: path.join(imagesDir, 'panel-desktop.png') });
  await desktop.close();

  const narrow = await openPage(browser, origin, { width: 360, height: 780 });
  await narrow.page.goto(`${origin}/#/runs/${failed}`);
  await narrow.page.waitForSelector('.results .file-name');
  await narrow.page.locator('#run-heading').scroll();
  await narrow.page.evaluate(() => document.getElementById('run-heading')?.scrollIntoView());
  await narrow.page.screenshot({ path: path.join(imagesDir, 'panel-360.png') });
  await narrow.close();
} finally {
  await browser.close();
  await server.close();
  removeDataDir(dataDir);
}
