// Opens the generated report page in a real Chromium from file://, offline.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/generators/report/generator';
import { createHistoryWorkspace, PROFILE_NAME } from '../page-fixture';
import { treeAt } from '../workspace-fixture';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RESULTS = resolve(__dirname, '..', '..', 'test-results');
const available = existsSync(CHROMIUM);
const inCi = process.env['CI'] === 'true';

if (!available && !inCi)
  console.warn(`report page browser test skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

describe.runIf(available || inCi)('report page in Chromium (file://, no network)', () => {
  let root: string;
  let caseIds: string[];
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    if (!available)
      throw new Error(`CI=true but no Chromium at ${CHROMIUM}; install it or set CHROMIUM_PATH`);
    root = await createHistoryWorkspace();
    caseIds = runReport(treeAt(root), {})
      .analysis.cases.map((c) => c.case.id)
      .sort();
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('file://')) void request.continue();
      else {
        outside.push(request.url());
        void request.abort();
      }
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // A failing step leaves a screenshot of what the browser showed.
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, `report-page-${name}.png`), fullPage: true });
      throw error;
    }
  }

  it('draws a chart per case with its id beside it, and requests nothing outside file://', async () => {
    await step('index', async () => {
      await page.goto(pathToFileURL(join(root, 'reports', 'index.html')).href, {
        waitUntil: 'load',
      });
      const drawn = await page.$$eval('figure.case', (figures) =>
        figures.map((figure) => {
          const svg = figure.querySelector('svg.trend');
          const box = svg?.getBoundingClientRect();
          return {
            id: figure.querySelector('code.case-id')?.textContent ?? '',
            chartFor: svg?.getAttribute('data-case') ?? '',
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            points: figure.querySelectorAll('circle.point').length,
          };
        }),
      );
      expect(drawn.map((d) => d.id).sort()).toEqual(caseIds);
      for (const chart of drawn) {
        expect(chart.chartFor).toBe(chart.id);
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(80);
        expect(chart.points).toBeGreaterThanOrEqual(4);
      }
      expect(await page.$$eval('.finding', (nodes) => nodes.length)).toBeGreaterThan(0);
      expect(await page.$$eval('table.targets tbody tr', (rows) => rows.length)).toBeGreaterThan(0);
      expect(outside).toEqual([]);
    });
  });

  it('opens the flame graph of a profile and zooms into a frame on click', async () => {
    await step('flame', async () => {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.click('a.flame-link'),
      ]);
      expect(page.url()).toBe(
        pathToFileURL(join(root, 'reports', 'flame', `${PROFILE_NAME}.html`)).href,
      );
      const frames = await page.$$('g.frame[data-name="spinReportFlameTarget"]');
      expect(frames.length).toBeGreaterThan(0);
      const widths = await Promise.all(
        frames.map((g) => g.$eval('rect', (rect) => rect.getBoundingClientRect().width)),
      );
      const widest = frames[widths.indexOf(Math.max(...widths))]!;
      expect(Math.max(...widths)).toBeGreaterThan(0);
      await widest.click();
      // zoomed in, the frame spans the whole 1200 px graph
      expect(await widest.$eval('rect', (rect) => Number(rect.getAttribute('width')))).toBeCloseTo(
        1200,
        0,
      );
      await page.click('#reset');
      expect(await widest.$eval('rect', (rect) => Number(rect.getAttribute('width')))).toBeCloseTo(
        Math.max(...widths),
        0,
      );
      expect(outside).toEqual([]);
    });
  });
});
