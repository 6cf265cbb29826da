/// <reference lib="dom" />
// `safety-scan report` in a real browser: the demo's HTML report in English, Dutch and French opens in
// headless Chromium without console errors or warnings, page errors or any network request; it has a
// heading, accessible charts with a data table each, and print styles that hide the tables and start
// every district on a new page. Leaves a first-page screenshot and an A4 PDF in test-artifacts/.
// Uses Debian's Chromium (never a downloaded one); skipped when it is missing, unless
// SAFETY_SCAN_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, Workdir, explain } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const ARTIFACTS = join(ROOT, 'test-artifacts');
const LANGS = ['en', 'nl', 'fr'] as const;
const haveBrowser = existsSync(CHROMIUM);
const requireBrowser = process.env.SAFETY_SCAN_REQUIRE_BROWSER === '1';

if (!haveBrowser && requireBrowser) {
  describe('browser', () => {
    it(`needs ${CHROMIUM} (SAFETY_SCAN_REQUIRE_BROWSER=1)`, () => {
      throw new Error(`${CHROMIUM} is missing; install it with \`apt-get install -y chromium\` or unset SAFETY_SCAN_REQUIRE_BROWSER`);
    });
  });
}

/** What a page did while loading: console messages, uncaught errors, and requests for anything but itself. */
interface Visit {
  page: Page;
  url: string;
  console: string[];
  errors: string[];
  requests: string[];
}

const SKIP_REASON = `${CHROMIUM} is missing (apt-get install -y chromium; SAFETY_SCAN_REQUIRE_BROWSER=1 makes this a failure)`;
if (!haveBrowser && !requireBrowser) console.warn(`browser tests skipped: ${SKIP_REASON}`);
const SUITE = haveBrowser ? 'the HTML report in headless Chromium' : `the HTML report in headless Chromium (skipped: ${SKIP_REASON})`;

describe.skipIf(!haveBrowser)(SUITE, () => {
  const files = new Map<string, string>();
  let work: Workdir;
  let browser: Browser;

  beforeAll(async () => {
    work = new Workdir();
    const demo = await work.run(['demo', 'zone']);
    if (demo.code !== 0) throw new Error(explain(demo));
    for (const lang of LANGS) {
      const run = await work.run(['--store', 'zone/safety-scan.db', '--lang', lang, 'report', '--goals', `${DEMO}/goals.yaml`, '--out', 'out']);
      if (run.code !== 0) throw new Error(explain(run));
      const file = run.stdout.trim();
      expect(file, explain(run)).toMatch(new RegExp(`[/\\\\]out[/\\\\]report-\\d{4}-${lang}\\.html$`));
      expect(existsSync(file), file).toBe(true);
      files.set(lang, file);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  }, 180_000);

  // each test opens its page in a fresh context; close it even when an assertion failed
  afterEach(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    work?.remove();
  });

  /** Opens a report (by language) or any file, recording what the page does from the first byte. */
  async function visit(langOrFile: string): Promise<Visit> {
    const url = pathToFileURL(files.get(langOrFile) ?? langOrFile).href;
    // offline: should the report ever ask for the network, the request is recorded and goes nowhere
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, offline: true });
    const page = await context.newPage();
    const seen: Visit = { page, url, console: [], errors: [], requests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') seen.console.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => seen.errors.push(String(error)));
    const record = (method: string, requested: string) => {
      const entry = `${method} ${requested.slice(0, 200)}`;
      if (requested !== url && !seen.requests.includes(entry)) seen.requests.push(entry);
    };
    page.on('request', (request) => record(request.method(), request.url()));
    // Playwright leaves data: URLs out of its request events; the DevTools protocol reports them
    const devtools = await context.newCDPSession(page);
    devtools.on('Network.requestWillBeSent', (event) => record(event.request.method, event.request.url));
    await devtools.send('Network.enable');
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return seen;
  }

  it('notices a request for a data: URL (so an empty list below means something)', async () => {
    const control = work.path('control.html');
    const pixel = 'data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA=';
    writeFileSync(control, `<!doctype html><html lang="en"><title>control</title><img alt="" src="${pixel}">`);
    const { page, requests } = await visit(control);
    await page.waitForLoadState('networkidle', { timeout: 10_000 });
    expect(requests).toEqual([`GET ${pixel}`]);
  });

  describe.each(LANGS)('--lang %s', (lang) => {
    it('loads with no console errors or warnings, no page errors and no other requests', async () => {
      const { page, console: messages, errors, requests } = await visit(lang);
      // give late requests (images, fonts) a moment to show up
      await page.waitForLoadState('networkidle', { timeout: 10_000 });
      expect(messages).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      });

    it('has a heading, accessible charts and a data table for every figure', async () => {
      const { page } = await visit(lang);
      expect(await page.locator('h1').count()).toBeGreaterThanOrEqual(1);
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the rendered text a reader sees, not the DOM property
      expect((await page.locator('h1').first().innerText()).trim()).not.toBe('');
      const charts = await page.$$eval('svg[role="img"]', (svgs) =>
        svgs.map((svg) => ({
          title: svg.querySelector(':scope > title')?.textContent?.trim() ?? '',
          desc: svg.querySelector(':scope > desc')?.textContent?.trim() ?? '',
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(1);
      for (const chart of charts) {
        expect(chart.title, JSON.stringify(chart)).not.toBe('');
        expect(chart.desc, JSON.stringify(chart)).not.toBe('');
      }
      const figures = await page.$$eval('figure', (all) => all.map((figure) => ({ id: figure.id, tables: figure.querySelectorAll('details table').length })));
      expect(figures.length).toBeGreaterThanOrEqual(1);
      for (const figure of figures) expect(figure.tables, `figure ${figure.id} has no table inside <details>`).toBeGreaterThanOrEqual(1);
      });

    it('prints without the data tables and with every district on a new page', async () => {
      const { page } = await visit(lang);
      await page.emulateMedia({ media: 'print' });
      const details = await page.$$eval('details', (all) => all.map((d) => getComputedStyle(d).display));
      expect(details.length).toBeGreaterThanOrEqual(1);
      expect(new Set(details)).toEqual(new Set(['none']));
      const breaks = await page.$$eval('section.district', (all) => all.map((s) => getComputedStyle(s).breakBefore));
      expect(breaks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(breaks)).toEqual(new Set(['page']));
      });
  });

  it('saves a screenshot of the first page and an A4 PDF of several pages', async () => {
    const { page } = await visit('en');
    const png = await page.screenshot({ path: join(ARTIFACTS, 'report-first-page.png'), fullPage: false });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    expect(pdf.length).toBeGreaterThan(0);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (readFileSync(join(ARTIFACTS, 'report.pdf')).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});
