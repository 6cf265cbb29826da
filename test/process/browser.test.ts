/// <reference lib="dom" />
// `safety-scan report` in a real browser: the demo's HTML report in English, Dutch and French opens in
// headless Chromium without console errors or warnings, page errors or any network request; it has a
// heading, accessible charts with a data table each, and print styles that hide the tables and start
// every district on a new page. Printed to A4, the summary is page 1, every page carries the report's
// title, date and "page n of m", and no page holds a lone box; the goals table fits the page. In every
// chart a legend entry has marks, a withheld district is a labelled row, no label is cut, share axes start
// at 0, benchmarks name their source and year, and on a 390 px phone no chart text is under 10 px.
// Leaves a first-page screenshot and an A4 PDF in test-artifacts/.
// Uses Debian's Chromium (never a downloaded one); skipped when it is missing, unless
// SAFETY_SCAN_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../src/i18n/index.js';
import { longDate } from '../../src/report/sections.js';
import { ROOT, Workdir, explain } from '../helpers/cli.js';
import { pdfPages, type PdfPage } from './pdf-text.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const ARTIFACTS = join(ROOT, 'test-artifacts');
const LANGS = ['en', 'nl', 'fr'] as const satisfies readonly Lang[];
/** The report's date: 3 December 2026, whatever the clock. */
const DATED = { SOURCE_DATE_EPOCH: '1796256000' };
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
      // the demo folder's configuration names the zone, the store and the goals file
      const run = await work.run(['--config', 'zone/safety-scan.yaml', '--lang', lang, 'report', '--out', 'out'], { env: DATED });
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

  describe.each(LANGS)('printed to A4, --lang %s', (lang) => {
    const t = translator(lang);
    let pages: PdfPage[] = [];

    beforeAll(async () => {
      const { page } = await visit(lang);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      writeFileSync(join(ARTIFACTS, `report-${lang}.pdf`), pdf);
      pages = pdfPages(pdf).map((p) => ({ ...p, lines: p.lines.map((line) => ({ ...line, text: line.text.normalize('NFKC') })) }));
    }, 60_000);

    /** Lines between the running header and footer. */
    const body = (p: PdfPage) => p.lines.filter((line) => line.y > 50 && line.y < p.height - 55);

    it('opens with the one-page summary', () => {
      expect(pages.length).toBeGreaterThanOrEqual(12);
      const first = body(pages[0]).map((line) => line.text);
      for (const heading of ['report.summary', 'report.summary_goals', 'report.summary_gaps', 'report.summary_standout'] as const) expect(first, heading).toContain(t(heading));
      expect(first).toContain(t('report.summary_indicators', { wave: '2026' }));
      // the summary has the page to itself: the contents and the whole area start on page 2
      expect(first).not.toContain(t('report.contents'));
      expect(body(pages[1]).map((line) => line.text)).toContain(t('report.contents'));
    });

    it('prints the title, the date and "page n of m" on every page', () => {
      const date = t('report.written_on', { date: longDate('2026-12-03', lang) });
      const title = t('report.running_head', { zone: 'PZ Schelde-Leie', wave: '2026' });
      pages.forEach((p, i) => {
        const margins = p.lines.filter((line) => !body(p).includes(line)).map((line) => line.text);
        expect(margins.join(' | '), `page ${i + 1}`).toContain(title);
        expect(margins.join(' | '), `page ${i + 1}`).toContain(date);
        expect(margins, `page ${i + 1}`).toContain(t('report.page_of', { page: i + 1, pages: pages.length }));
      });
    });

    it('holds no page with a lone box: every page but the last is at least a quarter full', () => {
      // The last page ends the methods appendix's running text: a document ends where its text does.
      pages.slice(0, -1).forEach((p, i) => {
        const ys = body(p).map((line) => line.y);
        const used = (Math.max(...ys) - Math.min(...ys)) / (p.height - 105);
        expect(used, `page ${i + 1}: ${body(p).map((line) => line.text).join(' / ').slice(0, 300)}`).toBeGreaterThanOrEqual(0.25);
      });
    });

    it('fits the goals table to the page, in type that reads', async () => {
      const { page } = await visit(lang);
      await page.emulateMedia({ media: 'print' });
      // the printable width of A4 with the report's margins: 210 mm - 2 x 14 mm
      await page.setViewportSize({ width: Math.floor((182 / 25.4) * 96), height: 1000 });
      const tables = await page.$$eval('table.goals', (all) =>
        all.map((table) => ({
          width: table.getBoundingClientRect().width,
          page: document.body.getBoundingClientRect().width,
          font: Number.parseFloat(getComputedStyle(table).fontSize),
          overflowing: [...table.querySelectorAll('td, th')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
        })),
      );
      expect(tables.length).toBeGreaterThanOrEqual(2);
      for (const table of tables) {
        expect(table.width).toBeLessThanOrEqual(table.page + 0.5);
        expect(table.font).toBeGreaterThanOrEqual(11);
        expect(table.overflowing).toEqual([]);
      }
    });
  });

  describe.each(LANGS)('the charts, --lang %s', (lang) => {
    const t = translator(lang);

    it('have a legend entry only for marks they draw, and no label cut short', async () => {
      const { page } = await visit(lang);
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => ({
          title: svg.querySelector(':scope > title')?.textContent ?? '',
          entries: [...svg.querySelectorAll('.legend-entry')].map((entry) => entry.getAttribute('data-marks') ?? ''),
          drawn: [...svg.querySelectorAll('.legend-entry')].map((entry) => {
            const marks = entry.getAttribute('data-marks') ?? '';
            return [...svg.getElementsByClassName(marks)].some((mark) => !mark.closest('.legend'));
          }),
          cut: [...svg.querySelectorAll('text')].map((text) => text.textContent ?? '').filter((words) => words.includes('…')),
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(30);
      for (const chart of charts) {
        expect(chart.entries.every((marks) => marks !== ''), chart.title).toBe(true);
        expect(chart.drawn.every(Boolean), `${chart.title}: ${chart.entries.join(', ')}`).toBe(true);
        expect(chart.cut, chart.title).toEqual([]);
      }
    });

    it('keep every withheld district as a row labelled with why', async () => {
      const { page } = await visit(lang);
      const police = await page.$$eval('#figure-area-police-satisfied g.row', (rows) =>
        rows.map((row) => ({
          hidden: row.classList.contains('hidden'),
          label: [...row.querySelectorAll('.row-label')].map((text) => text.textContent).join(' '),
          why: [...row.querySelectorAll('.row-hidden')].map((text) => text.textContent).join(' '),
          marks: row.querySelectorAll('.point, .whisker').length,
        })),
      );
      expect(police).toHaveLength(10);
      expect(police.filter((row) => row.hidden)).toEqual([
        { hidden: true, label: 'Drieënhoek', why: t('report.chart_too_few'), marks: 0 },
        { hidden: true, label: 'Schoonaarde', why: t('report.chart_withheld'), marks: 0 },
      ]);
      // a district's trend without a single estimate is said in words, never as an empty legend entry
      const trend = await page.$eval('#figure-drieenhoek-trend svg', (svg) => ({
        legend: [...svg.querySelectorAll('.legend-entry')].map((entry) => entry.textContent ?? ''),
        notes: svg.querySelector('.chart-notes')?.textContent ?? '',
      }));
      expect(trend.legend.some((words) => words.includes('Drieënhoek'))).toBe(false);
      expect(trend.notes).toContain('Drieënhoek 2026');
      expect(trend.notes.toLowerCase()).toContain(t('report.chart_too_few').toLowerCase());
    });

    it('start share axes at 0 and name the source and year of every benchmark', async () => {
      const { page } = await visit(lang);
      const axes = await page.$$eval('svg.chart .axis', (all) =>
        all.map((axis) => ({
          chart: axis.closest('svg')?.querySelector(':scope > title')?.textContent ?? '',
          ticks: [...axis.querySelectorAll('.tick-label')].map((tick) => (tick.textContent ?? '').replace(/[\s\u202f]/g, '')),
        })),
      );
      expect(axes.length).toBeGreaterThanOrEqual(25);
      for (const axis of axes) expect(axis.ticks, axis.chart).toContain(axis.ticks.some((tick) => tick.includes('%')) ? '0%' : '0');
      const benchmarks = await page.$$eval('svg.benchmark', (all) =>
        all.map((svg) => ({
          rows: [...svg.querySelectorAll('g.row')].map((row) => [...row.querySelectorAll('.row-sublabel')].map((text) => text.textContent).join(' ')),
          notes: svg.querySelector('.chart-notes')?.textContent ?? '',
        })),
      );
      expect(benchmarks.length).toBeGreaterThanOrEqual(11);
      for (const chart of benchmarks) {
        expect(chart.rows[0]).toBe(t('report.chart_source_survey', { wave: '2026' }));
        for (const row of chart.rows.slice(1)) expect(row).toMatch(new RegExp(`^${t('report.chart_source_monitor', { wave: '20\\d\\d' })}$`));
        // the note wraps onto several text lines, which textContent joins without spaces
        expect(chart.notes.replace(/\s+/g, '')).toBe(t('report.chart_benchmark_note').replace(/\s+/g, ''));
      }
    });

    it('stay readable on a 390 px phone: no chart wider than the screen, no chart text under 10 px', async () => {
      const { page } = await visit(lang);
      await page.setViewportSize({ width: 390, height: 844 });
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
          const sizes = [...svg.querySelectorAll('text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale);
          return { title: svg.querySelector(':scope > title')?.textContent ?? '', right: svg.getBoundingClientRect().right, smallest: Math.min(...sizes) };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(30);
      for (const chart of charts) {
        expect(chart.right, chart.title).toBeLessThanOrEqual(390);
        expect(chart.smallest, chart.title).toBeGreaterThanOrEqual(10);
      }
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
