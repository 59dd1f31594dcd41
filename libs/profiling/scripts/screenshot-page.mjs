// Saves a PNG of a report page as headless Chromium draws it — the differential flame graph of
// the README is taken this way from reports/compare/<project>.html:
//
//   node scripts/screenshot-page.mjs <page.html> <out.png> [css selector]
//
// Chromium is PRISMQ_CHROMIUM, else the first chromium on the PATH; the page is opened from
// file:// (it loads nothing: its content security policy forbids every request).
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

function findChromium() {
  if (process.env.PRISMQ_CHROMIUM) return process.env.PRISMQ_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not in this folder
      }
    }
  throw new Error('no chromium on the PATH; set PRISMQ_CHROMIUM');
}

const [page, out, selector = 'section.case'] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: node scripts/screenshot-page.mjs <page.html> <out.png> [css selector]');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1300, height: 900, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
  const element = await tab.$(selector);
  if (!element) throw new Error(`${page} has no element matching ${selector}`);
  await element.screenshot({ path: resolve(out) });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
