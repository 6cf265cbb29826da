// `safety-scan report`: the HTML and Markdown reports, their structure (snapshots), escaping of
// data-derived text, suppression, --out safety, notes, and all three languages.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const GOALS = `${DEMO}/goals.yaml`;

const report = (...args: string[]) => demo.run(['--store', 'zone/safety-scan.db', 'report', '--goals', GOALS, ...args]);

/** The HTML's skeleton: elements with their ids and classes, headings with their text, SVG bodies left out. */
function skeleton(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '<svg/>')
    .replace(/<style>[\s\S]*?<\/style>/, '<style/>')
    .replace(/<(table)>[\s\S]*?<\/table>/g, '<table/>')
    .split(/(?=<)/)
    .map((part) => {
      const tag = /^<\/?([a-z0-9]+)([^>]*)>/.exec(part);
      if (!tag || part.startsWith('</')) return null;
      const attrs = [...tag[2].matchAll(/\b(id|class)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`).join(' ');
      const text = /^h[1-3]$/.test(tag[1]) ? ` ${part.replace(/^<[^>]*>/, '').trim()}` : '';
      return `${tag[1]}${attrs ? ` ${attrs}` : ''}${text}`;
    })
    .filter((line): line is string => line !== null && !/^(a|li|p|details|summary|svg|caption|figcaption)$/.test(line.split(' ')[0]))
    .join('\n');
}

describe('the HTML report', () => {
  it('is written to the --out folder and its path printed on stdout', async () => {
    const run = await report('--out', 'html');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.trim()).toBe(demo.path('html', 'report-2026-en.html'));
    expect(run.stderr).toMatch(/report written: html\/report-2026-en\.html/);
  });

  it('is self-contained: no scripts, no external references', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=|https?:\/\/(?!www\.w3\.org)/i);
  });

  it('has an overview, a section per district and a methods appendix (structure snapshot)', async () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    expect(html.match(/<section class="district">/g)).toHaveLength(10);
    await expect(skeleton(html)).toMatchFileSnapshot('__snapshots__/report-structure.txt');
  });

  it('gives every chart a title, a description and a data table', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    const figures = html.match(/<figure[\s\S]*?<\/figure>/g)!;
    expect(figures.length).toBeGreaterThan(20);
    for (const figure of figures) {
      expect(figure).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby=/);
      expect(figure.match(/<title[ >]/g)).toHaveLength(1);
      expect(figure.match(/<desc[ >]/g)).toHaveLength(1);
      expect(figure).toMatch(/<details><summary>Data<\/summary>\n<table>/);
    }
  });

  it('says estimates in plain words with their range', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    expect(html).toMatch(/Feels unsafe often or always: about 1 in 8 residents \(between 10% and 14%\)\./);
    expect(html).toMatch(/Feels unsafe \(sometimes or more\): down from 45% to 26% \(−19\.0 percentage points\), a real change\./);
  });

  it('never shows a suppressed estimate in a chart or a table', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    const drieenhoek = html.slice(html.indexOf('id="district-drieenhoek"'), html.indexOf('id="district-erembodegem"'));
    expect(drieenhoek).toMatch(/Satisfied with the local police: too few answers to say\./);
    const police = html.slice(html.indexOf('id="figure-area-police-satisfied"'));
    const policeFigure = police.slice(0, police.indexOf('</figure>'));
    expect(policeFigure).toMatch(/not shown \(too few answers\)/);
    expect(policeFigure).not.toMatch(/<tr><td>Drieënhoek<\/td><td>\d/);
  });

  it('leaves key-figure notes out unless asked for', async () => {
    const without = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    const run = await report('--out', 'notes', '--include-notes', '--district', 'Oudegem');
    const withNotes = readFileSync(demo.path('notes', 'report-2026-en.html'), 'utf8');
    const keyfigures = readFileSync(`${DEMO}/keyfigures.csv`, 'utf8');
    const note = /K26-\d+,2026,Oudegem,[^,]+,[a-z_]+,\d,[a-z]*,"([^"]{12,})"/.exec(keyfigures)![1];
    expect(run.code).toBe(0);
    expect(without).not.toContain(note);
    expect(withNotes).toContain(note);
  });
});

describe('the Markdown report', () => {
  it('has the same content with charts as SVG files beside it (snapshot)', async () => {
    const run = await report('--format', 'md', '--out', 'md', '--district', 'Oudegem');
    expect(run.code, explain(run)).toBe(0);
    const md = readFileSync(demo.path('md', 'report-2026-en.md'), 'utf8');
    const charts = readdirSync(demo.path('md', 'charts')).sort();
    expect(charts).toContain('oudegem-ranking.svg');
    for (const chart of charts) {
      const svg = readFileSync(demo.path('md', 'charts', chart), 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(md).toContain(`](charts/${chart})`);
    }
    await expect(md.replace(/safety-scan [\d.]+/, 'safety-scan VERSION')).toMatchFileSnapshot('__snapshots__/report-oudegem.md');
  });
});

describe('escaping and output safety', () => {
  const hostile = '<script>alert(1)</script>';
  const formula = '=HYPERLINK("x")';
  const respondents = Array.from({ length: 24 }, (_, i) => `R${i};2026;${i % 2 ? hostile : formula};${i % 3 ? 'F' : 'M'};${30 + i};${(i % 5) + 1};${(i % 4) + 1}`);
  const dir = new Workdir().write({
    'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq;problem_drugs', ...respondents].join('\n'),
    'keyfigures.csv': `interview_id,wave,district,organisation_type,theme,severity,trend,note\nK1,2026,${formula.replace(/"/g, '""')},school,=HYPERLINK("x"),4,worse,\n`,
    'goals.yaml': `goals:\n  - id: G1\n    title: '${formula} ${hostile}'\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2026, value: 0.3 }\n    target: 0.1\n    deadline: 2030\n`,
  });
  afterAll(() => dir.remove());

  it('keeps a hostile district name and goal title inert in HTML, Markdown and CSV', async () => {
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    expect((await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')])).code).toBe(0);
    expect((await dir.run(['report', '--goals', 'goals.yaml', '--out', 'out'])).code).toBe(0);
    expect((await dir.run(['report', '--goals', 'goals.yaml', '--out', 'out', '--format', 'md'])).code).toBe(0);
    const html = readFileSync(dir.path('out', 'report-2026-en.html'), 'utf8');
    const md = readFileSync(dir.path('out', 'report-2026-en.md'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const charts = readdirSync(dir.path('out', 'charts'));
    expect(charts.length).toBeGreaterThan(0);
    for (const file of charts) expect(readFileSync(dir.path('out', 'charts', file), 'utf8')).not.toContain('<script>');
    const csv = (await dir.run(['indicators', '--format', 'csv'])).stdout;
    expect(csv).toContain(`"'${formula.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses a theme that is not a code, so it never reaches a report', async () => {
    // the file's only row is refused: a file without a usable row stores nothing and exits 3
    const run = await dir.run(['import', '--kind', 'keyfigures', 'keyfigures.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(/no row can be imported \(1 row read\)/);
    // the rejects file neutralises the formula for spreadsheets
    const rejects = readFileSync(dir.path('rejects', 'keyfigures.keyfigures.rejects.csv'), 'utf8');
    expect(rejects).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rejects).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('writes only inside the folder --out names', async () => {
    const run = await dir.run(['report', '--out', 'nested/deeper', '--goals', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(dir.path('nested', 'deeper', 'report-2026-en.html'))).toBe(true);
    expect(readdirSync(dir.path('nested'))).toEqual(['deeper']);
  });
});

describe('languages', () => {
  it.each(['nl', 'fr', 'en'])('the %s report has no missing key or unfilled placeholder', async (lang) => {
    const run = await report('--lang', lang, '--out', `lang-${lang}`);
    expect(run.code, explain(run)).toBe(0);
    const html = readFileSync(demo.path(`lang-${lang}`, `report-2026-${lang}.html`), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '');
    expect(html).not.toMatch(/\b(report|check|profile|indicators|status|risk|goal_reason)\.[a-z_]+\b/);
    expect(html).not.toMatch(/\{[a-z_]+\}/);
    expect(html).toContain(`<html lang="${lang}">`);
  });

  it('uses decimal commas in Dutch and French, and decimal points in English', () => {
    const html = (lang: string) => readFileSync(demo.path(`lang-${lang}`, `report-2026-${lang}.html`), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '');
    expect(html('nl')).toMatch(/\d,\d%/);
    expect(html('fr')).toMatch(/\d,\d\s?%/);
    expect(html('en')).toMatch(/\d\.\d%/);
    expect(html('en')).not.toMatch(/\d,\d%/);
  });
});
