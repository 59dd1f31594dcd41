/// <reference lib="dom" />
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';

/** Where screenshots of failed browser tests go. */
export const RESULTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-results',
);

/** The chromium to drive: `PRISMQ_CHROMIUM`, else the first of the usual names on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['PRISMQ_CHROMIUM']) return env['PRISMQ_CHROMIUM'];
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Chromium for the tests of the enclosing block: launched before them, closed after them. Read
 * `.browser` inside the tests (it is set once the block's `beforeAll` has run).
 */
export function chromiumForBlock(executablePath: string | undefined): { browser: Browser } {
  const launched = {} as { browser: Browser };
  beforeAll(async () => {
    if (executablePath === undefined)
      throw new Error(
        'chromium is not installed; CI must install it (apt-get install -y chromium)',
      );
    launched.browser = await launchChromium(executablePath);
  }, 30_000);
  afterAll(async () => {
    await launched.browser?.close();
  });
  return launched;
}

/** Every request the page made, and those that tried to leave the server's origin (aborted). */
export interface RequestLog {
  all: { url: string; headers: Record<string, string> }[];
  foreign: string[];
}

/**
 * A page in its own browser context (its own sessionStorage), whose requests are intercepted:
 * anything not on `origin` is aborted and recorded. Downloads land in `downloadPath`.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  viewport = { width: 1280, height: 900 },
  downloadPath?: string,
): Promise<{ page: Page; requests: RequestLog; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext(
    downloadPath !== undefined ? { downloadBehavior: { policy: 'allow', downloadPath } } : {},
  );
  const page = await context.newPage();
  await page.setViewport(viewport);
  const requests: RequestLog = { all: [], foreign: [] };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    requests.all.push({ url, headers: request.headers() });
    if (new URL(url).origin === origin) void request.continue();
    else {
      requests.foreign.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return { page, requests, close: () => context.close() };
}

/** Runs `body`; if it throws, saves a screenshot named after the test first. */
export async function screenshotOnFailure(
  page: Page,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page
      .screenshot({
        path: path.join(RESULTS_DIR, `${name}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
    throw error;
  }
}

/** Texts of the log lines the page shows now. */
export function shownLogLines(page: Page): Promise<string[]> {
  return page.$$eval('.log .log-line .log-text', (items) =>
    items.map((item) => item.textContent ?? ''),
  );
}
