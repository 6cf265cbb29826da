// `safety-scan report`: the HTML and Markdown reports, their structure (snapshots), escaping of
// data-derived text, suppression, --out safety, notes, and all three languages.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const GOALS = `${DEMO}/goals.yaml`;

/** A fixed date (2026-12-03), so the running footer and the Markdown snapshot do not change with the clock. */
const DATED = { SOURCE_DATE_EPOCH: '1796256000' };
const report = (...args: string[]) => demo.run(['--store', 'zone/safety-scan.db', 'report', '--goals', GOALS, ...args], { env: DATED });

/** The HTML's skeleton: elements with their ids and classes, headings with their text, SVG bodies left out. */
/** In PostgreSQL mode (test/global-setup.ts) the demo zone is a zone of a shared store, whose report also sets it beside its peers. */
const shared = inject('pgSuperuser') !== null;

/** The report as a file store gives it: a shared store's peers section (test/pg/benchmark.test.ts) checked, then left out. */
function asFileStore(text: string, peers: RegExp): string {
  if (!shared) return text;
  expect(text).toMatch(peers);
  return text.replace(peers, '');
}

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
    await expect(asFileStore(skeleton(html), /h3 Beside the other zones, 2026\ndiv class=keep\n/)).toMatchFileSnapshot('__snapshots__/report-structure.txt');
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

  it('never shows a suppressed estimate in a chart or a table, and labels its row with why', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    const drieenhoek = html.slice(html.indexOf('id="district-drieenhoek"'), html.indexOf('id="district-erembodegem"'));
    expect(drieenhoek).toMatch(/Satisfied with the local police: too few answers to say\./);
    const police = html.slice(html.indexOf('id="figure-area-police-satisfied"'));
    const policeFigure = police.slice(0, police.indexOf('</figure>'));
    // Drieënhoek (9 answers) is in the chart as a labelled row; Schoonaarde, withheld to protect it, says so
    expect(policeFigure).toMatch(/<g class="row hidden"><text[^>]*>Drieënhoek<\/text><text[^>]*class="row-hidden"[^>]*>too few answers<\/text>/);
    const schoonaardeRow = /<g class="row hidden"><text[^>]*>Schoonaarde<\/text>(.*?)<\/g>/.exec(policeFigure)?.[1] ?? '';
    expect([...schoonaardeRow.matchAll(/class="row-hidden"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ')).toBe('withheld to protect a district with too few answers');
    expect(policeFigure).toMatch(/<tr><td>Drieënhoek<\/td><td><\/td><td><\/td><td>too few answers<\/td><\/tr>/);
    expect(policeFigure).toMatch(/<tr><td>Schoonaarde<\/td><td><\/td><td><\/td><td>withheld to protect a district with too few answers<\/td><\/tr>/);
    const schoonaarde = html.slice(html.indexOf('id="district-schoonaarde"'), html.indexOf('id="district-sint-amandsberg"'));
    expect(schoonaarde).toMatch(/Satisfied with the local police: not shown, so that a district with too few answers cannot be worked out from it\./);
    expect(schoonaarde).not.toMatch(/Satisfied with the local police: too few answers/);
  });

  it('holds no key-figure note: free text is never stored', () => {
    const html = readFileSync(demo.path('html', 'report-2026-en.html'), 'utf8');
    const keyfigures = readFileSync(`${DEMO}/keyfigures.csv`, 'utf8');
    const notes = [...keyfigures.matchAll(/K26-\d+,2026,[^,]+,[^,]+,[a-z_]+,\d,[a-z]*,"([^"]{12,})"/g)].map((match) => match[1]);
    expect(notes.length).toBeGreaterThan(5);
    for (const note of notes) expect(html).not.toContain(note);
  });
});

describe('the Markdown report', () => {
  it('has the same content with charts as SVG files beside it (snapshot)', async () => {
    const run = await report('--format', 'md', '--out', 'md', '--district', 'Oudegem');
    expect(run.code, explain(run)).toBe(0);
    const md = readFileSync(demo.path('md', 'report-2026-oudegem-en.md'), 'utf8');
    // the charts in a folder of this report's own (a report of another wave, language or district has its own)
    const charts = readdirSync(demo.path('md', 'charts', 'report-2026-oudegem-en')).sort();
    expect(charts).toContain('oudegem-ranking.svg');
    for (const chart of charts) {
      const svg = readFileSync(demo.path('md', 'charts', 'report-2026-oudegem-en', chart), 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(md).toContain(`](charts/report-2026-oudegem-en/${chart})`);
    }
    await expect(asFileStore(md.replace(/safety-scan [\d.]+/, 'safety-scan VERSION'), /### Beside the other zones, 2026\n\nNo other zone has published figures for 2026 yet[^\n]*\n\n/)).toMatchFileSnapshot('__snapshots__/report-oudegem.md');
  });
});

describe('a district report beside the whole zone’s', () => {
  it('has its own file name, so neither replaces the other (r-adversarial finding 9)', async () => {
    const whole = await report('--out', 'both');
    expect(whole.code, explain(whole)).toBe(0);
    const before = readFileSync(demo.path('both', 'report-2026-en.html'), 'utf8');
    const one = await report('--out', 'both', '--district', 'Sint Denijs', '--district', 'Oudegem');
    expect(one.code, explain(one)).toBe(0);
    expect(one.stdout.trim()).toBe(demo.path('both', 'report-2026-oudegem_sint-denijs-en.html'));
    expect(readFileSync(demo.path('both', 'report-2026-en.html'), 'utf8')).toBe(before);
    expect(readFileSync(demo.path('both', 'report-2026-oudegem_sint-denijs-en.html'), 'utf8').match(/<section class="district">/g)).toHaveLength(2);
    const md = await report('--out', 'both', '--format', 'md', '--district', 'Oudegem');
    expect(md.code, explain(md)).toBe(0);
    expect(readdirSync(demo.path('both')).filter((name) => name.startsWith('report-')).sort()).toEqual(['report-2026-en.html', 'report-2026-oudegem-en.md', 'report-2026-oudegem_sint-denijs-en.html']);
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
    const charts = readdirSync(dir.path('out', 'charts', 'report-2026-en'));
    expect(charts.length).toBeGreaterThan(0);
    for (const file of charts) expect(readFileSync(dir.path('out', 'charts', 'report-2026-en', file), 'utf8')).not.toContain('<script>');
    const csv = (await dir.run(['indicators', '--format', 'csv'])).stdout;
    expect(csv).toContain(`"'${formula.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses a theme that is not a code, so it never reaches a report', async () => {
    // the file's only row is refused: a file without a usable row stores nothing and exits 3
    const run = await dir.run(['import', '--kind', 'keyfigures', 'keyfigures.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(/no row can be imported \(1 row read\)/);
    // the rejects file withholds the refused cell, no short code (adversary r7, A3); cells it writes are neutralised (import-files.test.ts)
    const rejects = readFileSync(dir.path('rejects', 'keyfigures.keyfigures.rejects.csv'), 'utf8');
    expect(rejects).toContain(',***,');
    expect(rejects).not.toContain('HYPERLINK(""x"")');
    expect(rejects).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('writes only inside the folder --out names', async () => {
    const run = await dir.run(['report', '--out', 'nested/deeper', '--goals', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(dir.path('nested', 'deeper', 'report-2026-en.html'))).toBe(true);
    expect(readdirSync(dir.path('nested'))).toEqual(['deeper']);
  });
});

describe('district names that would share a slug', () => {
  // 'Area' would be slugged `area`, whose trend chart was the whole area's `area-trend.svg`
  const names = ['Sint Denijs', 'Sint-Denijs', '北区', '南区', 'Area'];
  const respondents = names.flatMap((name, d) => Array.from({ length: 12 }, (_, i) => `R${d}-${i};2026;${name};${i % 2 ? 'F' : 'M'};${30 + i};${(i % 5) + 1};${(i % 4) + 1}`));
  const dir = new Workdir().write({ 'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq;problem_drugs', ...respondents].join('\n') });
  afterAll(() => dir.remove());

  it('get their own chart files and HTML ids', async () => {
    expect((await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')])).code).toBe(0);
    expect((await dir.run(['report', '--out', 'out'], { env: DATED })).code).toBe(0);
    expect((await dir.run(['report', '--out', 'out', '--format', 'md'], { env: DATED })).code).toBe(0);
    const html = readFileSync(dir.path('out', 'report-2026-en.html'), 'utf8');
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const rankings = readdirSync(dir.path('out', 'charts', 'report-2026-en')).filter((file) => file.endsWith('-ranking.svg'));
    expect(rankings).toHaveLength(5);
    const md = readFileSync(dir.path('out', 'report-2026-en.md'), 'utf8');
    const trends = new Set<string>();
    for (const name of names) {
      const section = md.slice(md.indexOf(`## ${name}\n`));
      const chart = /\]\(charts\/report-2026-en\/([^)]+-ranking\.svg)\)/.exec(section)?.[1] ?? '';
      expect(readFileSync(dir.path('out', 'charts', 'report-2026-en', chart), 'utf8'), name).toContain(`Problems in ${name}`);
      trends.add(/\]\(charts\/report-2026-en\/([^)]+-trend\.svg)\)/.exec(section)?.[1] ?? '');
    }
    expect(trends.size).toBe(names.length);
    expect(trends.has('area-trend.svg')).toBe(false);
    expect(md.slice(0, md.indexOf('## Area\n'))).toContain('](charts/report-2026-en/area-trend.svg)');
  });
});

describe('district names that look like Markdown blocks (adversary r18b)', () => {
  // in a list item, `# Big` was a heading, `+ plus` a nested list, `1. one` an ordered list (a name such as `---`,
  // a rule, is no district: it has no letter or digit, and import rejects it, test/e2e/total-rows.test.ts)
  const names = ['# Big', '+ plus', '1. one'];
  const respondents = names.flatMap((name, d) => Array.from({ length: 12 }, (_, i) => `R${d}-${i};2026;"${name}";${i % 2 ? 'F' : 'M'};${30 + i};${(i % 5) + 1};${(i % 4) + 1}`));
  const dir = new Workdir().write({ 'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq;problem_drugs', ...respondents].join('\n') });
  afterAll(() => dir.remove());

  it('stay text in the Markdown report’s lists and headings', async () => {
    expect((await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')])).code).toBe(0);
    const run = await dir.run(['report', '--out', 'out', '--format', 'md'], { env: DATED });
    expect(run.code, explain(run)).toBe(0);
    const md = readFileSync(dir.path('out', 'report-2026-en.md'), 'utf8');
    for (const shown of ['\\# Big', '\\+ plus', '1\\. one']) {
      expect(md).toContain(`\n- ${shown}\n`);
      expect(md).toContain(`\n## ${shown}\n`);
    }
    expect(md.split('\n').filter((l) => /^- (# |\+ |1\. )/.test(l))).toEqual([]);
  });
});

describe('languages', () => {
  it.each(['nl', 'fr', 'en'])('the %s report has no missing key or unfilled placeholder', async (lang) => {
    const run = await report('--lang', lang, '--out', `lang-${lang}`);
    expect(run.code, explain(run)).toBe(0);
    const html = readFileSync(demo.path(`lang-${lang}`, `report-2026-${lang}.html`), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<style>[\s\S]*?<\/style>/, '');
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
