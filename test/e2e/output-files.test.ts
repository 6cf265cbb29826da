// Files written for the user (the report, its charts, the configuration) go only where the user said: never
// through a symbolic link, never onto a device, a file or /proc; a place that cannot take them is a usage error.
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BAD, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();
const store = () => ['--store', zone.path('zone', 'safety-scan.db')];

/** A fresh folder inside the zone's work folder, for one test. */
let count = 0;
function folder(): string {
  const path = zone.path(`case-${++count}`);
  mkdirSync(path);
  return path;
}

function leftovers(path: string): string[] {
  return readdirSync(path, { recursive: true }).map(String).filter((name) => /\.(tmp|partial)$/.test(name));
}

describe('report --out', () => {
  it.each([
    ['an existing file', () => {
      const file = `${folder()}/report.txt`;
      writeFileSync(file, 'mine');
      return file;
    }],
    ['/dev/null', () => '/dev/null'],
    ['/proc/self (a link)', () => '/proc/self'],
    ['/proc (takes no files)', () => '/proc'],
    ['a link to a folder', () => {
      const base = folder();
      mkdirSync(`${base}/real`);
      symlinkSync(`${base}/real`, `${base}/link`);
      return `${base}/link`;
    }],
  ])('onto %s is a usage error (exit 2) that names the place', async (_what, place) => {
    const out = place();
    const run = await zone.run(['report', ...store(), '--out', out]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${out}`);
    expect(run.stdout).toBe('');
  });

  it('refuses a link inside the folder (charts/ pointing elsewhere) and writes nothing outside it', async () => {
    const base = folder();
    mkdirSync(`${base}/out`);
    mkdirSync(`${base}/elsewhere`);
    symlinkSync(`${base}/elsewhere`, `${base}/out/charts`);
    const run = await zone.run(['report', ...store(), '--format', 'md', '--out', `${base}/out`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`${base}/out/charts: cannot write here: it is a symbolic link`);
    expect(readdirSync(`${base}/elsewhere`)).toEqual([]);
  });

  it('refuses a link planted at the report’s name (exit 2), the link and its target untouched (issue 17)', async () => {
    const base = folder();
    writeFileSync(`${base}/precious.txt`, 'precious');
    mkdirSync(`${base}/out`);
    symlinkSync(`${base}/precious.txt`, `${base}/out/report-2026-en.html`);
    const run = await zone.run(['report', ...store(), '--out', `${base}/out`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${base}/out/report-2026-en.html: cannot write here: it is a symbolic link`);
    expect(readFileSync(`${base}/precious.txt`, 'utf8')).toBe('precious');
    expect(lstatSync(`${base}/out/report-2026-en.html`).isSymbolicLink()).toBe(true);
    expect(readlinkSync(`${base}/out/report-2026-en.html`)).toBe(`${base}/precious.txt`);
    expect(leftovers(`${base}/out`)).toEqual([]);
  });

  it('refuses a link at one chart\'s name before writing anything: no Markdown report, no chart (a fresh adversarial run)', async () => {
    const base = folder();
    writeFileSync(`${base}/elsewhere.svg`, 'mine');
    mkdirSync(`${base}/out/charts/report-2026-en`, { recursive: true });
    symlinkSync(`${base}/elsewhere.svg`, `${base}/out/charts/report-2026-en/area-trend.svg`);
    const run = await zone.run(['report', ...store(), '--format', 'md', '--out', `${base}/out`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`${base}/out/charts/report-2026-en/area-trend.svg: cannot write here: it is a symbolic link`);
    expect(readdirSync(`${base}/out`)).toEqual(['charts']);
    expect(readdirSync(`${base}/out/charts/report-2026-en`)).toEqual(['area-trend.svg']);
    expect(readFileSync(`${base}/elsewhere.svg`, 'utf8')).toBe('mine');
  });

  it.each([
    ['html', 'report-2026-en.html', '<!doctype html>\n<title>my notes</title>'],
    ['html', 'report-2026-en.html', 'my notes'],
    ['md', 'report-2026-en.md', '# My own markdown\n'],
    ['md', 'charts/report-2026-en/area-trend.svg', '<svg xmlns="http://www.w3.org/2000/svg"><title>mine</title></svg>'],
  ] as const)('--format %s keeps a user\'s own file at %s: exit 2, nothing written (a fresh adversarial run, F1)', async (format, name, content) => {
    const out = `${folder()}/out`;
    mkdirSync(`${out}/charts/report-2026-en`, { recursive: true });
    writeFileSync(`${out}/${name}`, content);
    const run = await zone.run(['report', ...store(), '--format', format, '--out', out]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`${out}/${name}: this file exists and is not an earlier output of \`report\` --format ${format}`);
    expect(readFileSync(`${out}/${name}`, 'utf8')).toBe(content);
    const chart = name.startsWith('charts/') ? [name] : [];
    expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['charts', 'charts/report-2026-en', ...chart, ...(chart.length > 0 ? [] : [name])].sort());
  });

  it.each(['html', 'md'] as const)('--format %s replaces its own earlier report, in any language, and an empty file', async (format) => {
    const out = `${folder()}/out`;
    const nl = await zone.run(['--lang', 'nl', 'report', ...store(), '--format', format, '--out', out]);
    expect(nl.code, explain(nl)).toBe(0);
    const name = `report-2026-en.${format}`;
    // an earlier report in Dutch, renamed to the English report's name, and every chart: all replaced
    writeFileSync(`${out}/${name}`, readFileSync(`${out}/report-2026-nl.${format}`));
    const again = await zone.run(['report', ...store(), '--format', format, '--out', out]);
    expect(again.code, explain(again)).toBe(0);
    writeFileSync(`${out}/${name}`, '');
    const empty = await zone.run(['report', ...store(), '--format', format, '--out', out]);
    expect(empty.code, explain(empty)).toBe(0);
    expect(readFileSync(`${out}/${name}`, 'utf8')).toMatch(format === 'html' ? /^<!doctype html>/ : /^# Safety scan of /);
  });

  it('writes a Markdown report with its charts and leaves no temporary file', async () => {
    const out = `${folder()}/deep/report`;
    const run = await zone.run(['report', ...store(), '--format', 'md', '--out', out]);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(`${out}/charts/report-2026-en`).length).toBeGreaterThan(5);
    expect(leftovers(out)).toEqual([]);
  });

  it('gives each Markdown report charts of its own: a Dutch report beside an English one leaves the English report\'s charts English', async () => {
    const out = `${folder()}/both`;
    for (const lang of ['en', 'nl']) expect((await zone.run(['--lang', lang, 'report', ...store(), '--format', 'md', '--out', out])).code).toBe(0);
    expect(readdirSync(`${out}/charts`).sort()).toEqual(['report-2026-en', 'report-2026-nl']);
    const english = readFileSync(`${out}/report-2026-en.md`, 'utf8');
    const trend = /\]\((charts\/report-2026-en\/area-trend\.svg)\)/.exec(english)?.[1] ?? '';
    expect(readFileSync(`${out}/${trend}`, 'utf8')).toContain('wave by wave');
    expect(readFileSync(`${out}/charts/report-2026-nl/area-trend.svg`, 'utf8')).not.toContain('wave by wave');
  });

  it('removes the charts an earlier run of the report drew that this one does not (a district forgotten since; r19b, F6), and nothing else', async () => {
    const out = `${folder()}/stale`;
    expect((await zone.run(['report', ...store(), '--format', 'md', '--out', out])).code).toBe(0);
    const charts = `${out}/charts/report-2026-en`;
    const drawn = readdirSync(charts).sort();
    // a chart of a district no longer in the store, as an earlier run drew it, and a file of the user's own
    writeFileSync(`${charts}/gone-ranking.svg`, readFileSync(`${charts}/${drawn.find((name) => name.endsWith('-ranking.svg'))}`));
    writeFileSync(`${charts}/mine.svg`, '<svg><title>mine</title></svg>');
    const again = await zone.run(['report', ...store(), '--format', 'md', '--out', out]);
    expect(again.code, explain(again)).toBe(0);
    expect(readdirSync(charts).sort()).toEqual([...drawn, 'mine.svg'].sort());
  });
});

describe('init', () => {
  it('onto a file or into /proc is a usage error (exit 2)', async () => {
    const file = `${folder()}/notes.txt`;
    writeFileSync(file, 'mine');
    for (const target of [file, '/proc']) {
      const run = await zone.run(['init', target]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain('cannot write here');
    }
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('never writes through a link that points nowhere: it is kept, or with --force replaced', async () => {
    const base = folder();
    symlinkSync(`${base}/planted.yaml`, `${base}/safety-scan.yaml`);
    const kept = await zone.run(['init', base]);
    expect(kept.code, explain(kept)).toBe(2);
    expect(kept.stderr).toContain('already exists');
    const forced = await zone.run(['init', base, '--force']);
    expect(forced.code, explain(forced)).toBe(0);
    expect(readdirSync(base).sort()).toEqual(['safety-scan.yaml']);
    expect(lstatSync(`${base}/safety-scan.yaml`).isFile()).toBe(true);
  });

  it('refuses a folder that is a link', async () => {
    const base = folder();
    mkdirSync(`${base}/real`);
    symlinkSync(`${base}/real`, `${base}/link`);
    const run = await zone.run(['init', `${base}/link`]);
    expect(run.code, explain(run)).toBe(2);
    expect(readdirSync(`${base}/real`)).toEqual([]);
  });

  it('creates a missing folder and writes the configuration whole', async () => {
    const dir = new Workdir();
    try {
      const run = await dir.run(['init', dir.path('new', 'zone')]);
      expect(run.code, explain(run)).toBe(0);
      expect(readdirSync(dir.path('new', 'zone'))).toEqual(['safety-scan.yaml']);
    } finally {
      dir.remove();
    }
  });
});

describe('a file-system failure anywhere else', () => {
  it('is one line naming the place, never an internal error: a file where the rejects folder goes is an output place (exit 2)', async () => {
    const dir = new Workdir();
    try {
      dir.write({ rejects: 'a file where the rejects folder goes' });
      const run = await dir.run(['import', '--kind', 'survey', `${BAD}/out-of-range.csv`]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toMatch(/^error: the rejects folder .*rejects cannot take the rejected rows: /m);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain('internal error');
    } finally {
      dir.remove();
    }
  });
});

describe('a table command’s --out FILE', () => {
  it('refuses a link planted at its name (exit 2), the link and its target untouched, and leaves no temporary file (issue 17)', async () => {
    const base = folder();
    writeFileSync(`${base}/elsewhere.csv`, 'mine');
    symlinkSync(`${base}/elsewhere.csv`, `${base}/change.csv`);
    const run = await zone.run(['compare', ...store(), '--from', '2023', '--to', '2026', '--format', 'csv', '--out', `${base}/change.csv`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${base}/change.csv: cannot write here: it is a symbolic link`);
    expect(readFileSync(`${base}/elsewhere.csv`, 'utf8')).toBe('mine');
    expect(readlinkSync(`${base}/change.csv`)).toBe(`${base}/elsewhere.csv`);
    expect(leftovers(base)).toEqual([]);
  });

  it('refuses a dangling link at its name too, creating nothing where it points', async () => {
    const base = folder();
    symlinkSync(`${base}/nowhere.csv`, `${base}/change.csv`);
    const run = await zone.run(['compare', ...store(), '--from', '2023', '--to', '2026', '--format', 'csv', '--out', `${base}/change.csv`]);
    expect(run.code, explain(run)).toBe(2);
    expect(readdirSync(base)).toEqual(['change.csv']);
    expect(readlinkSync(`${base}/change.csv`)).toBe(`${base}/nowhere.csv`);
  });

  it('onto a folder or into /proc is a usage error (exit 2)', async () => {
    for (const out of [folder(), '/proc/change.csv']) {
      const run = await zone.run(['compare', ...store(), '--from', '2023', '--to', '2026', '--format', 'csv', '--out', out]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain(`error: ${out}`);
    }
  });
});
