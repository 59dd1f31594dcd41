/// <reference lib="dom" />
// Opens the generated report page in a real Chromium from file://, offline.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryWorkspace, PROFILE_NAME } from '../page-fixture';
import { reportOnDisk } from '../workspace-fixture';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// The control panel's bin, built before this project's tests (see the test target's dependsOn).
const BACKEND_CLI = resolve(__dirname, '../../../../libs/client-backend/dist/cli.js');
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
  let allowedOrigin = 'file://';

  beforeAll(async () => {
    if (!available)
      throw new Error(`CI=true but no Chromium at ${CHROMIUM}; install it or set CHROMIUM_PATH`);
    root = await createHistoryWorkspace();
    caseIds = reportOnDisk(root, {})
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
      const url = request.url();
      if (url.startsWith('file://') || url.startsWith(allowedOrigin)) void request.continue();
      else {
        outside.push(url);
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

  it('is served by prismq-backend --reports-dir at /perf, the same page with a chart per case', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'perf-route-'));
    const backend = spawn(
      process.execPath,
      [
        BACKEND_CLI,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--reports-dir',
        join(root, 'reports'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      const origin = `http://127.0.0.1:${port}`;
      await waitForHealth(origin, backend);
      allowedOrigin = `${origin}/`;
      await step('perf-route', async () => {
        await page.goto(`${origin}/perf/`, { waitUntil: 'load' });
        const ids = await page.$$eval('figure.case', (figures) =>
          figures
            .filter((figure) => figure.querySelector('svg.trend') !== null)
            .map((figure) => figure.querySelector('code.case-id')?.textContent ?? ''),
        );
        expect(ids.sort()).toEqual(caseIds);
        expect(outside).toEqual([]);
      });
    } finally {
      allowedOrigin = 'file://';
      // The browser keeps its connection alive; a graceful stop would wait for it to time out.
      backend.kill('SIGKILL');
      await new Promise((done) =>
        backend.exitCode === null ? backend.once('exit', done) : done(undefined),
      );
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(origin: string, backend: ChildProcess): Promise<void> {
  let stderr = '';
  backend.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null)
      throw new Error(`prismq-backend exited with ${backend.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((next) => setTimeout(next, 100));
  }
  throw new Error(`prismq-backend did not answer on ${origin} within 20 s: ${stderr}`);
}
