/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ModuleConfigResponseSchema, RunListResponseSchema } from '../../src/http/api-schemas.js';
import { RunRecordSchema } from '../../src/store/run-record.js';
import { createServer, type PrismqServer } from '../../src/http/server.js';
import { makeDataDir, removeDataDir } from '../test-server.js';
import {
  findChromium,
  chromiumForBlock,
  openPage,
  screenshotOnFailure,
  shownLogLines,
  type RequestLog,
} from './browser.js';

const chromium = findChromium();
const inCi = process.env['CI'] === 'true';
if (chromium === undefined && !inCi) {
  console.warn(
    'control panel browser tests skipped: chromium is not installed (apt-get install -y chromium, or set PRISMQ_CHROMIUM)',
  );
}

/** A real server on loopback with the built-in registry (the demo module) and its own data folder. */
async function startServer(
  apiToken?: string,
): Promise<{ server: PrismqServer; origin: string; dataDir: string }> {
  const dataDir = makeDataDir();
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    killGraceMs: 500,
    ...(apiToken !== undefined ? { apiToken } : {}),
  });
  return { server, origin: await server.listen(), dataDir };
}

/** The JSON body of `GET url`, checked against the schema of the route's answer. */
async function apiGet<S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> {
  return schema.parse(await (await fetch(url)).json());
}

async function openDemoForm(page: Page): Promise<void> {
  await page.locator('li[data-module="demo"] summary').click();
  await page.waitForSelector('#param-demo-message');
}

/** Fills the demo's form and starts it; resolves once the page shows the new run. */
async function launchDemo(
  page: Page,
  values: { lines: number; delayMs: number; message: string },
): Promise<string> {
  await openDemoForm(page);
  await page.locator('#param-demo-lines').fill(String(values.lines));
  await page.locator('#param-demo-delay-ms').fill(String(values.delayMs));
  await page.locator('#param-demo-message').fill(values.message);
  await page.locator('li[data-module="demo"] form button[type="submit"]').click();
  const view = await page.waitForSelector('.run-view[data-run-id]');
  return (await view!.evaluate((element) => element.getAttribute('data-run-id')))!;
}

function runStatus(page: Page): Promise<string | null> {
  return page.$eval('.run-view [data-status]', (badge) => badge.getAttribute('data-status'));
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction(
    (wanted: string) =>
      document.querySelector('.run-view [data-status]')?.getAttribute('data-status') === wanted,
    { timeout: 20_000 },
    status,
  );
}

function expectSameOrigin(requests: RequestLog, origin: string): void {
  expect(requests.foreign).toEqual([]);
  expect(requests.all.length).toBeGreaterThan(0);
  for (const { url } of requests.all) expect(new URL(url).origin).toBe(origin);
}

/**
 * Waits until the page shows the demo's stdout lines 1…n (`<message> #<i>`), exactly and in
 * order (its `::progress` lines go to stderr).
 */
async function waitForDemoLines(page: Page, message: string, n: number): Promise<void> {
  await page.waitForFunction(
    (expected: string[]) => {
      const shown = [...document.querySelectorAll('.log .stream-stdout .log-text')].map(
        (item) => item.textContent,
      );
      return shown.length === expected.length && shown.every((text, i) => text === expected[i]);
    },
    { timeout: 20_000 },
    Array.from({ length: n }, (_, i) => `${message} #${i + 1}`),
  );
}

describe.skipIf(chromium === undefined && !inCi)('control panel in chromium', () => {
  const chromiumSession = chromiumForBlock(chromium);

  /** A server for the tests of the enclosing block, and a way to run a test in a fresh page on it. */
  function servePanel(apiToken?: string) {
    const open = {} as { server: PrismqServer; origin: string; dataDir: string };
    const downloads = makeDataDir();
    beforeAll(async () => {
      Object.assign(open, await startServer(apiToken));
    }, 30_000);
    afterAll(async () => {
      await open.server?.close();
      if (open.dataDir) removeDataDir(open.dataDir);
      removeDataDir(downloads);
    });
    /** Runs `body` in a new page; every request it made must have stayed on the server's origin. */
    const inPage = async (
      name: string,
      body: (page: Page, requests: RequestLog) => Promise<void>,
      viewport?: { width: number; height: number },
    ): Promise<void> => {
      const { page, requests, close } = await openPage(
        chromiumSession.browser,
        open.origin,
        viewport,
        downloads,
      );
      try {
        await screenshotOnFailure(page, name, async () => {
          await body(page, requests);
          expectSameOrigin(requests, open.origin);
        });
      } finally {
        await close();
      }
    };
    return { open, inPage, downloads };
  }

  describe('without a token', () => {
    const { open, inPage, downloads } = servePanel();

    it('serves the page with its policy and lists the modules with a working filter', async () => {
      await inPage('modules', async (page) => {
        const response = await page.goto(open.origin + '/');
        expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
        await page.waitForSelector('li[data-module="demo"]');
        const names = await page.$$eval('.module-card h3', (items) =>
          items.map((h) => h.textContent),
        );
        expect(names).toEqual(
          expect.arrayContaining(['Demo', 'Content Scoring', 'Content Classification']),
        );
        await page.locator('#module-filter').fill('examples');
        await page.waitForFunction(() => document.querySelectorAll('.module-card').length === 1);
        expect(await page.$eval('.module-card', (card) => card.getAttribute('data-module'))).toBe(
          'demo',
        );
        expect(await page.$eval('.module-card .category', (item) => item.textContent)).toBe(
          'Examples',
        );
        expect(await page.$eval('.module-card .tags', (item) => item.textContent)).toBe('demo');
      });
    });

    it('launches demo through its form and shows its numbered lines live, then its results', async () => {
      await inPage('launch-demo', async (page) => {
        await page.goto(open.origin + '/');
        // Module output is text, never markup: an image here would be a request to another origin.
        const message = 'panel check <img src="https://evil.example/x.png">';
        await launchDemo(page, { lines: 6, delayMs: 250, message });
        // Focus moves to the new run, so keyboard and screen-reader users land on it.
        await page.waitForFunction(() => document.activeElement?.id === 'run-heading');
        // Live: the first line is on the page while the run is still running.
        await page.waitForFunction(
          (first: string) =>
            document.querySelector('.run-view [data-status]')?.getAttribute('data-status') ===
              'running' &&
            [...document.querySelectorAll('.log .log-text')].some(
              (item) => item.textContent === first,
            ),
          { timeout: 20_000 },
          `${message} #1`,
        );
        expect(
          (await shownLogLines(page)).filter((text) => text.startsWith(message)),
        ).not.toContain(`${message} #6`);
        await waitForDemoLines(page, message, 6);
        await waitForStatus(page, 'completed');
        await page.waitForSelector('.results .file-name');
        expect(
          await page.$$eval('.results .file-name', (items) => items.map((i) => i.textContent)),
        ).toEqual(['demo-summary.json']);
        expect(await page.$eval('#run-progress', (bar) => (bar as HTMLProgressElement).value)).toBe(
          100,
        );
        // The form's values were saved as the module's config and come back pre-filled.
        const saved = await apiGet(
          `${open.origin}/api/modules/demo/config`,
          ModuleConfigResponseSchema,
        );
        expect(saved.parameters).toMatchObject({ lines: 6, 'delay-ms': 250, message });
        expect(await page.$('.log img')).toBeNull();
      });
    });

    it('shows the API refusal beside the field it names, and starts nothing', async () => {
      await inPage('validation', async (page) => {
        const before = (await apiGet(`${open.origin}/api/runs`, RunListResponseSchema)).total;
        await page.goto(open.origin + '/');
        await openDemoForm(page);
        await page.locator('#param-demo-lines').fill('5000000');
        await page.locator('li[data-module="demo"] form button[type="submit"]').click();
        const error = await page.waitForSelector('#param-demo-lines-error');
        expect(await error!.evaluate((item) => item.textContent)).toContain('at most 1000000');
        const input = await page.$eval('#param-demo-lines', (item) => ({
          invalid: item.getAttribute('aria-invalid'),
          describedBy: item.getAttribute('aria-describedby'),
          focused: document.activeElement === item,
        }));
        expect(input).toEqual({
          invalid: 'true',
          describedBy: expect.stringContaining('param-demo-lines-error'),
          focused: true,
        });
        expect(await page.$('#param-demo-message-error')).toBeNull();
        expect((await apiGet(`${open.origin}/api/runs`, RunListResponseSchema)).total).toBe(before);
      });
    });

    it('cancels a slow run', async () => {
      await inPage('cancel', async (page) => {
        await page.goto(open.origin + '/');
        await launchDemo(page, { lines: 1000, delayMs: 1000, message: 'slow' });
        await waitForDemoLines(page, 'slow', 1);
        await page.locator('.run-view button.danger').click();
        await waitForStatus(page, 'cancelled');
        expect(await page.$('.run-view button.danger')).toBeNull();
        const runId = await page.$eval('.run-view', (view) => view.getAttribute('data-run-id'));
        const run = await apiGet(`${open.origin}/api/runs/${runId}`, RunRecordSchema);
        expect(run.status).toBe('cancelled');
        await page.waitForSelector(`tr[data-run-id="${runId}"] .status-cancelled`);
      });
    });

    it('resumes the live log where it stopped after the connection drops', async () => {
      await inPage('resume', async (page, requests) => {
        await page.goto(open.origin + '/');
        const message = 'resume';
        await launchDemo(page, { lines: 40, delayMs: 60, message });
        await page.waitForFunction(() => document.querySelectorAll('.log .log-line').length >= 5, {
          timeout: 20_000,
        });
        expect(await runStatus(page)).toBe('running');
        open.server.app.server.closeAllConnections();
        await waitForDemoLines(page, message, 40);
        const resumed = requests.all.filter(
          ({ url, headers }) =>
            url.endsWith('/logs/stream') && Number(headers['last-event-id'] ?? 0) >= 5,
        );
        expect(resumed.length).toBeGreaterThan(0);
      });
    });

    it('opens a finished run from the history and pages through its log file', async () => {
      await inPage('history', async (page) => {
        const launched = await fetch(`${open.origin}/api/modules/demo/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            parameters: { lines: 620, 'delay-ms': 0, message: 'paged' },
            saveConfig: false,
          }),
        });
        const { runId } = RunRecordSchema.parse(await launched.json());
        await expect
          .poll(
            async () => (await apiGet(`${open.origin}/api/runs/${runId}`, RunRecordSchema)).status,
            {
              timeout: 20_000,
            },
          )
          .toBe('completed');
        await page.goto(open.origin + '/');
        await page.locator(`tr[data-run-id="${runId}"] a`).click();
        await page.waitForFunction(
          () => document.querySelectorAll('.log .log-line').length === 500,
        );
        // 620 numbered lines and a progress line every tenth.
        expect(await page.$eval('.log-paging span', (item) => item.textContent)).toBe(
          'Lines 1–500 of 682',
        );
        await page.locator('.log-paging button').click();
        await waitForDemoLines(page, 'paged', 620);
        expect(await page.$('.log-paging button')).toBeNull();
        // The log file is fetched with the page's headers and saved as a download.
        await page.locator('.run-actions button.secondary').click();
        const saved = path.join(downloads, `run-${runId}.log`);
        await expect
          .poll(() => (existsSync(saved) ? readFileSync(saved, 'utf8').split('\n').length : 0), {
            timeout: 10_000,
          })
          .toBe(683);
        expect(readFileSync(saved, 'utf8')).toContain('paged #620');
      });
    });

    it('fits a 360 px wide screen without sideways scrolling', async () => {
      await inPage(
        'narrow',
        async (page) => {
          await page.goto(open.origin + '/');
          await openDemoForm(page);
          const widths = await page.evaluate(() => ({
            page: document.documentElement.scrollWidth,
            view: window.innerWidth,
          }));
          expect(widths.page).toBeLessThanOrEqual(widths.view);
        },
        { width: 360, height: 740 },
      );
    });
  });

  describe('behind a token', () => {
    const token = 'panel-test-token';
    const { open, inPage, downloads } = servePanel(token);

    it('asks for the token once per tab and sends it on every call, live log included', async () => {
      await inPage('token', async (page, requests) => {
        await page.goto(open.origin + '/');
        await page.waitForSelector('form input[type="password"][name="token"]');
        await page.locator('input[name="token"]').fill('not-the-token');
        await page.locator('.token-form button[type="submit"]').click();
        await page.waitForFunction(() =>
          document.querySelector('#token-help')?.textContent?.includes('refused'),
        );
        await page.locator('input[name="token"]').fill(token);
        await page.locator('.token-form button[type="submit"]').click();
        await page.waitForSelector('li[data-module="demo"]');
        expect(await page.$('input[name="token"]')).toBeNull();

        const message = 'behind a token';
        await launchDemo(page, { lines: 4, delayMs: 100, message });
        await waitForDemoLines(page, message, 4);

        const api = requests.all.filter(({ url }) => new URL(url).pathname.startsWith('/api/'));
        const stream = api.filter(({ url }) => url.endsWith('/logs/stream'));
        expect(stream.length).toBeGreaterThan(0);
        for (const { headers } of stream) expect(headers['authorization']).toBe(`Bearer ${token}`);
        for (const { url } of requests.all) expect(url).not.toContain(token);

        // A result file of the finished run is fetched with the token and saved as a download.
        await page.locator('.results li[data-file="demo-summary.json"] button').click();
        const saved = path.join(downloads, 'demo-summary.json');
        await expect
          .poll(() => (existsSync(saved) ? readFileSync(saved, 'utf8') : ''), { timeout: 10_000 })
          .toBe('{"lines":4}\n');
        const download = requests.all.find(({ url }) => url.endsWith('/results/demo-summary.json'));
        expect(download?.headers['authorization']).toBe(`Bearer ${token}`);

        // Once per tab: a reload keeps the token (sessionStorage) and asks nothing.
        await page.reload();
        await page.waitForSelector('li[data-module="demo"]');
        expect(await page.$('input[name="token"]')).toBeNull();
      });
    });
  });
});
