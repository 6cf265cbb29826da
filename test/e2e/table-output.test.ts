// Tables where analysts take them: `--format xlsx --out FILE` (a workbook that holds numbers, formatted as the
// terminal shows them, and a sheet explaining every column) and `--format csv --excel` (semicolons, decimal
// commas, a BOM, rounded as shown), both read back here with a reader library or a CSV parser.
import { existsSync, linkSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readXlsx } from 'hucre/xlsx';
import { describe, expect, inject, it } from 'vitest';
import { DEMO, explain, useDemoZone, Workdir } from '../helpers/cli.js';
import { importSmallZone } from '../helpers/small-zone.js';
import { unzipped } from '../helpers/zip.js';

const demo = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];
const COMPARE = [...STORE, 'compare', '--from', '2023', '--to', '2026'];

describe('--format xlsx --out', () => {
  it('compare: a sheet of numbers with their formats, and every column explained in the language', async () => {
    const run = await demo.run(['--lang', 'nl', ...COMPARE, '--format', 'xlsx', '--out', 'change.xlsx']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('geschreven: change.xlsx');
    const json = JSON.parse((await demo.run([...COMPARE, '--json'])).stdout);
    const workbook = await readXlsx(readFileSync(demo.path('change.xlsx')), { readStyles: true });
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['Verandering 2023-2026', 'Uitleg kolommen']);
    const [sheet, about] = workbook.sheets;
    const header = sheet.rows[0] as string[];
    expect(header.slice(0, 9)).toEqual(['indicator', 'unit', 'district', 'scope', 'from', 'to', 'estimate_from', 'estimate_to', 'diff']);
    expect(sheet.rows).toHaveLength(json.rows.length + 1);
    const first = json.rows[0];
    const row = sheet.rows[1];
    expect(row[0]).toBe(first.indicator);
    // Numbers, at full precision (the format only changes how Excel shows them).
    expect(typeof row[header.indexOf('estimate_to')]).toBe('number');
    expect(row[header.indexOf('estimate_to')]).toBeCloseTo(first.estimate_to, 12);
    expect(row[header.indexOf('q')]).toBeCloseTo(first.q, 12);
    const share = json.rows.findIndex((line: { indicator: string; estimate_to: number | null }) => line.indicator === 'unsafe_often' && line.estimate_to !== null) + 1;
    expect(sheet.cells?.get(`${share},${header.indexOf('estimate_to')}`)?.style?.numFmt).toBe('0.0%');
    const mean = json.rows.findIndex((line: { indicator: string; estimate_to: number | null }) => line.indicator === 'insecurity_index' && line.estimate_to !== null) + 1;
    expect(sheet.cells?.get(`${mean},${header.indexOf('estimate_to')}`)?.style?.numFmt).toBe('0.0');
    expect(sheet.cells?.get(`${share},${header.indexOf('q')}`)?.style?.numFmt).toBe('0.0000');
    // The explaining sheet: one row per column, each with a meaning in Dutch.
    expect(about.rows.slice(1).map((line) => line[1])).toEqual(header);
    for (const line of about.rows.slice(1)) expect(String(line[2]).length, String(line[1])).toBeGreaterThan(5);
    expect(about.rows.find((line) => line[1] === 'diff')?.[2]).toContain('procentpunt');
  });

  it('without --out is a usage error, and so is --excel with another format than csv', async () => {
    const workbook = await demo.run([...COMPARE, '--format', 'xlsx']);
    expect(workbook.code).toBe(2);
    expect(workbook.stderr).toContain('add `--out` with a file name ending in .xlsx');
    const excel = await demo.run([...COMPARE, '--excel']);
    expect(excel.code).toBe(2);
    expect(excel.stderr).toContain('`--excel` goes with `--format csv`');
  });

  it('gives the same bytes for the same tables, whatever the clock', async () => {
    await demo.run([...COMPARE, '--format', 'xlsx', '--out', 'a.xlsx']);
    await demo.run([...COMPARE, '--format', 'xlsx', '--out', 'b.xlsx']);
    expect(readFileSync(demo.path('a.xlsx')).equals(readFileSync(demo.path('b.xlsx')))).toBe(true);
  });
});

describe('indicators as a workbook and as CSV for Excel', () => {
  it('one sheet of numbers with the CSV columns, and the same rows in --excel CSV', async () => {
    const run = await demo.run([...STORE, 'indicators', '--format', 'xlsx', '--out', 'indicators.xlsx']);
    expect(run.code, explain(run)).toBe(0);
    const json = JSON.parse((await demo.run([...STORE, 'indicators', '--json'])).stdout);
    const workbook = await readXlsx(readFileSync(demo.path('indicators.xlsx')));
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['Indicators 2026', 'Columns explained']);
    const [sheet] = workbook.sheets;
    const header = sheet.rows[0] as string[];
    expect(sheet.rows).toHaveLength(json.rows.length + 1);
    expect(sheet.rows[1][header.indexOf('estimate')]).toBeCloseTo(json.rows[0].estimate, 12);
    const excel = await demo.run([...STORE, 'indicators', '--format', 'csv', '--excel']);
    const rows: string[][] = parse(excel.stdout.slice(1), { delimiter: ';' });
    expect(rows[0]).toEqual(header);
    expect(rows).toHaveLength(sheet.rows.length);
  });
});

describe('--format csv --excel', () => {
  it('compare: BOM, semicolons and decimal commas, rounded as the table shows, and it parses back', async () => {
    const run = await demo.run([...COMPARE, '--format', 'csv', '--excel']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.startsWith('\ufeffindicator;unit;district;')).toBe(true);
    expect(run.stdout).toContain('\r\n');
    const rows: string[][] = parse(run.stdout.slice(1), { delimiter: ';' });
    const header = rows[0];
    const plain: string[][] = parse((await demo.run([...COMPARE, '--format', 'csv'])).stdout);
    expect(rows).toHaveLength(plain.length);
    const at = (name: string) => header.indexOf(name);
    for (const [index, row] of rows.slice(1).entries()) {
      const full = plain[index + 1];
      if (full[at('estimate_to')] === '' || row[at('unit')] !== 'proportion_0_1') continue;
      // A share as a proportion with three decimals (12.3%), a decimal comma; p and q with four.
      expect(row[at('estimate_to')]).toMatch(/^-?\d+,\d{3}$/);
      expect(Number(row[at('estimate_to')].replace(',', '.'))).toBeCloseTo(Number(full[at('estimate_to')]), 3);
      if (full[at('q')] !== '') expect(row[at('q')]).toMatch(/^\d,\d{4}$/);
    }
  });

  it('the plain CSV stays as scripts read it: comma, decimal point, full precision, no BOM', async () => {
    const run = await demo.run([...COMPARE, '--format', 'csv']);
    expect(run.stdout.startsWith('indicator,unit,district,')).toBe(true);
    expect(run.stdout).toMatch(/,0\.\d{6,}/);
  });
});

describe.each(['en', 'nl', 'fr'])('--lang %s: check and profile as workbooks', (lang) => {
  it.each([
    ['check', ['check', '--goals', join(DEMO, 'goals.yaml')], 3],
    ['profile', ['profile'], 6],
  ] as const)('%s: its JSON lists as sheets of numbers, every column explained', async (name, args, sheets) => {
    const file = `${name}-${lang}.xlsx`;
    const run = await demo.run(['--lang', lang, ...STORE, ...args, '--format', 'xlsx', '--out', file]);
    expect(run.code, explain(run)).toBe(0);
    const workbook = await readXlsx(readFileSync(demo.path(file)));
    expect(workbook.sheets).toHaveLength(sheets + 1);
    const about = workbook.sheets[sheets];
    const unexplained = about.rows.slice(1).filter((line) => String(line[2] ?? '').length < 5);
    expect(unexplained).toEqual([]);
    for (const sheet of workbook.sheets.slice(0, sheets)) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      const header = sheet.rows[0] as string[];
      const estimate = header.indexOf('estimate');
      if (estimate >= 0 && sheet.rows.length > 1) expect(sheet.rows.slice(1).some((row) => typeof row[estimate] === 'number'), sheet.name).toBe(true);
    }
  });
});

describe('--out onto a file that is not an output of that format (a fresh adversarial run: --out safety-scan.db replaced the store)', () => {
  it.each([
    ['the configuration', ['indicators', '--format', 'csv', '--out', 'zone/safety-scan.yaml'], 'zone/safety-scan.yaml', 'indicators', 'csv'],
    ['the goals', ['check', '--goals', join(DEMO, 'goals.yaml'), '--format', 'md', '--out', 'zone/goals.yaml'], 'zone/goals.yaml', 'check', 'md'],
    ['an export named .txt, for a table', ['indicators', '--out', 'export.txt'], 'export.txt', 'indicators', 'table'],
    ['a store by another name', ['indicators', '--format', 'csv', '--out', 'copy.csv'], 'copy.csv', 'indicators', 'csv'],
    // findings A10: the test was by the name's extension alone
    ['an export named .csv, for CSV', ['indicators', '--format', 'csv', '--out', 'export.csv'], 'export.csv', 'indicators', 'csv'],
    ['notes named .md, for Markdown', ['indicators', '--format', 'md', '--out', 'notes.md'], 'notes.md', 'indicators', 'md'],
    ['a JSON file of its own, for JSON', ['indicators', '--json', '--out', 'settings.json'], 'settings.json', 'indicators', 'json'],
  ])('refuses %s with exit 2, the file untouched', async (_, args, file, command, format) => {
    demo.write({ 'export.csv': 'respondent_id;wave\nR1;2026\n', 'export.txt': 'respondent_id;wave\nR1;2026\n', 'notes.md': '# Notes of the meeting\n', 'settings.json': '{"theme": "dark"}\n' });
    writeFileSync(demo.path('copy.csv'), readFileSync(demo.path('zone', 'safety-scan.db')));
    const before = readFileSync(demo.path(file));
    const run = await demo.run([...STORE, ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`${file}: this file exists and is not an earlier output of \`${command}\` --format ${format}`);
    expect(run.stderr).toContain('hint: name another file for --out, or remove this one first');
    expect(readFileSync(demo.path(file)).equals(before)).toBe(true);
  });

  it.each([
    ['compare', [...COMPARE, '--format', 'csv'], ['indicators', '--format', 'csv']],
    ['plan', ['plan', '--half-width', '0.05', '--format', 'csv'], ['indicators', '--format', 'csv']],
    ['indicators', ['indicators', '--format', 'md'], ['profile', '--format', 'md']],
    ['profile', ['profile', '--format', 'table'], ['indicators']],
    ['check', ['check', '--json'], ['indicators', '--json']],
    ['indicators', ['indicators', '--json'], ['plan', '--half-width', '0.05', '--json']],
    ['indicators', ['indicators', '--format', 'xlsx'], [...COMPARE.slice(STORE.length), '--format', 'xlsx']],
    ['profile', ['profile', '--format', 'xlsx'], ['check', '--format', 'xlsx']],
  ])("refuses another command's output in the same format (%s's), the file untouched (A10)", async (first, earlier, other) => {
    const file = `other-${first}-${earlier.at(-1)}-${other[0]}${earlier.includes('xlsx') ? '.xlsx' : ''}`;
    const made = await demo.run([...STORE, ...earlier.filter((arg) => !STORE.includes(arg)), '--out', file]);
    expect(made.code, explain(made)).toBe(0);
    const before = readFileSync(demo.path(file));
    const run = await demo.run([...STORE, ...other, '--out', file]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('this file exists and is not an earlier output of');
    expect(readFileSync(demo.path(file)).equals(before)).toBe(true);
  });

  it('replaces an earlier output of the same format, as a nightly job does', async () => {
    for (let night = 0; night < 2; night++) {
      const run = await demo.run([...STORE, 'indicators', '--format', 'csv', '--out', 'nightly.csv']);
      expect(run.code, explain(run)).toBe(0);
    }
    const workbook = await demo.run([...STORE, 'indicators', '--format', 'xlsx', '--out', 'nightly.xlsx']);
    expect(workbook.code, explain(workbook)).toBe(0);
    expect((await demo.run([...STORE, 'indicators', '--format', 'xlsx', '--out', 'nightly.xlsx'])).code).toBe(0);
  });

  it.each([
    ['indicators', ['indicators'], ['table', 'md', 'csv', 'json', 'xlsx']],
    ['compare', COMPARE.slice(STORE.length), ['table', 'md', 'csv', 'json', 'xlsx']],
    ['check', ['check', '--goals', join(DEMO, 'goals.yaml')], ['table', 'md', 'json', 'xlsx']],
    ['profile', ['profile'], ['table', 'md', 'json', 'xlsx']],
    ['plan', ['plan', '--half-width', '0.05'], ['table', 'md', 'csv', 'json', 'xlsx']],
  ] as const)('%s: replaces its own earlier output in every format, written in another language, or --excel, or a narrow terminal', async (command, args, formats) => {
    for (const format of formats) {
      const file = `own-${command}.${format}`;
      const first = await demo.run(['--lang', 'fr', ...STORE, ...args, '--format', format, '--out', file], { env: { COLUMNS: '40' } });
      expect(first.code, explain(first)).toBe(0);
      const again = await demo.run(['--lang', 'nl', ...STORE, ...args, '--format', format, '--out', file, ...(format === 'csv' ? ['--excel'] : [])]);
      expect(again.code, explain(again)).toBe(0);
      expect((await demo.run([...STORE, ...args, '--format', format, '--out', file])).code).toBe(0);
    }
  });

  it('replaces an empty file (mktemp, touch)', async () => {
    writeFileSync(demo.path('empty.csv'), '');
    const run = await demo.run([...STORE, 'indicators', '--format', 'csv', '--out', 'empty.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(readFileSync(demo.path('empty.csv'), 'utf8')).toMatch(/^indicator,unit,district,/);
  });
});

// In PostgreSQL mode (test/global-setup.ts) zone/safety-scan.db stands for a zone of a shared store, which has no files.
describe.skipIf(inject('pgSuperuser') !== null)('--out naming the store or its sidecars (findings A1)', () => {
  it.each([
    ['the store', 'zone/safety-scan.db'],
    ['the store through ./ and ..', './zone/../zone/safety-scan.db'],
    ['the store by its absolute name', () => demo.path('zone', 'safety-scan.db')],
    ['its -wal, not there yet', 'zone/safety-scan.db-wal'],
    ['its -shm, not there yet', 'zone/safety-scan.db-shm'],
    ['its -journal, not there yet', 'zone/safety-scan.db-journal'],
    ['its -wal through a link to its folder', () => {
      if (!existsSync(demo.path('zone-link'))) symlinkSync(demo.path('zone'), demo.path('zone-link'));
      return 'zone-link/safety-scan.db-wal';
    }],
    ['a link to the store', () => {
      if (!existsSync(demo.path('store-link.db'))) symlinkSync(demo.path('zone', 'safety-scan.db'), demo.path('store-link.db'));
      return 'store-link.db';
    }],
    ['a hard link to the store', () => {
      if (!existsSync(demo.path('hard.db'))) linkSync(demo.path('zone', 'safety-scan.db'), demo.path('hard.db'));
      return 'hard.db';
    }],
  ])('refuses %s with exit 2 before anything is written', async (_, place) => {
    const out = typeof place === 'string' ? place : place();
    const store = readFileSync(demo.path('zone', 'safety-scan.db'));
    const before = readdirSync(demo.path('zone')).sort();
    for (const args of [['indicators', '--format', 'csv'], ['report']]) {
      const run = await demo.run([...STORE, ...args, '--out', out]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain(`error: ${out}: this is the store ${demo.path('zone', 'safety-scan.db')} or a file`);
      expect(run.stderr).not.toContain('remove this one');
      expect(readdirSync(demo.path('zone')).sort()).toEqual(before);
      expect(readFileSync(demo.path('zone', 'safety-scan.db')).equals(store)).toBe(true);
    }
  });
});

describe('--out names a file (a fresh adversarial run r7, F11 F12)', () => {
  it.each([
    [['--format', 'csv', '--out', 'newdir/'], 'newdir', '`--out newdir/` ends in a slash, so it names a folder: name a file, for example `--out newdir/compare.csv`.'],
    [['--format', 'xlsx', '--out', 'a.csv'], 'a.csv', '`--out a.csv` does not; for example `--out a.xlsx`.'],
    [['--format', 'xlsx', '--out', 'book'], 'book', 'for example `--out book.xlsx`.'],
  ])('%j is a usage error (exit 2), nothing written', async (args, written, words) => {
    const run = await demo.run([...COMPARE, ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(words);
    expect(existsSync(demo.path(written))).toBe(false);
  });

  // adversarial run r19b, F4 g: `--format csv --out x.xlsx` wrote CSV text under a workbook's name, exit 0
  it.each([
    ['indicators', ['indicators', '--format', 'csv', '--out', 'x.xlsx'], 'x.xlsx', '`--out x.xlsx` ends in .xlsx, a kind of file `--format csv` does not write: name the file for what it holds, for example `--out x.csv`, or choose `--format xlsx`.'],
    ['indicators', ['indicators', '--json', '--out', 'x.CSV'], 'x.CSV', '`--out x.CSV` ends in .csv, a kind of file `--format json` does not write: name the file for what it holds, for example `--out x.json`, or choose `--format csv`.'],
    ['compare', [...COMPARE.slice(STORE.length), '--format', 'md', '--out', 'sub/change.json'], 'sub/change.json', 'for example `--out sub/change.md`, or choose `--format json`.'],
    ['plan', ['plan', '--half-width', '0.05', '--format', 'table', '--out', 'plan.md'], 'plan.md', '`--out plan.md` ends in .md, a kind of file `--format table` does not write: name the file for what it holds, for example `--out plan.txt`, or choose `--format md`.'],
    ['benchmark', ['benchmark', '--format', 'csv', '--out', 'b.md'], 'b.md', 'for example `--out b.csv`, or choose `--format md`.'],
    // a format the command does not write is not suggested
    ['check', ['check', '--goals', join(DEMO, 'goals.yaml'), '--format', 'md', '--out', 'check.csv'], 'check.csv', '`--out check.csv` ends in .csv, a kind of file `--format md` does not write: name the file for what it holds, for example `--out check.md`.'],
    ['profile', ['profile', '--json', '--out', 'profile.html'], 'profile.html', 'for example `--out profile.json`.'],
  ])('%s: an --out name of another format than --format is exit 2 naming both, before any work, nothing written', async (_, args, written, words) => {
    const run = await demo.run([...STORE, ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(words);
    expect(run.stderr).toContain('See `safety-scan --help`');
    expect(existsSync(demo.path(written))).toBe(false);
  });

  it('without --format, the --out name\'s extension is the format when the command writes it: `--out x.csv` is CSV, not a table', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['indicators', '--out', 'by-name.csv'], 'by-name.csv', /^indicator,/],
      [['indicators', '--out', 'by-name.JSON'], 'by-name.JSON', /^\{\n {2}"schema_version"/],
      [['plan', '--half-width', '0.05', '--out', 'by-name.md'], 'by-name.md', /^# /],
      [['compare', '--from', '2023', '--to', '2026', '--out', 'by-name.xlsx'], 'by-name.xlsx', /^PK/],
    ];
    for (const [args, name, start] of cases) {
      const run = await demo.run([...STORE, ...args]);
      expect(run.code, explain(run)).toBe(0);
      expect(readFileSync(demo.path(name), 'latin1')).toMatch(start);
      rmSync(demo.path(name));
    }
    // --format given wins: a table written under a name of the user's choosing, or refused where the name says another format
    expect((await demo.run([...STORE, 'indicators', '--format', 'table', '--out', 'by-name.csv'])).code).toBe(2);
  });

  it('a name whose extension the tool does not write, or none, is the user’s to choose', async () => {
    for (const [format, name] of [['csv', 'own-export.txt'], ['md', 'own-notes.markdown'], ['json', 'own-data'], ['csv', 'own-indicators.2026']]) {
      const run = await demo.run([...STORE, 'indicators', '--format', format, '--out', name]);
      expect(run.code, explain(run)).toBe(0);
      rmSync(demo.path(name));
    }
  });

  it('a workbook name in capitals is a workbook name', async () => {
    const run = await demo.run([...COMPARE, '--format', 'xlsx', '--out', 'CHANGE.XLSX']);
    expect(run.code, explain(run)).toBe(0);
  });
});

describe('--out FILE in a folder that is not there (findings A2)', () => {
  it('makes the folder, as report --out does', async () => {
    const run = await demo.run([...COMPARE, '--format', 'csv', '--out', 'new/sub/change.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(readFileSync(demo.path('new', 'sub', 'change.csv'), 'utf8')).toMatch(/^indicator,unit,district,scope,from,to,/);
  });
});

describe('a district named with a literal `_x000A_` (adversarial run r20, F2)', () => {
  it('is written so that Excel shows it as written, not as a line break, in indicators and profile workbooks', async () => {
    const dir = new Workdir();
    try {
      const name = 'Oost_x000A_error: x';
      await importSmallZone(dir, ['Noord', name]);
      for (const [file, args] of [['ind.xlsx', ['indicators']], ['prof.xlsx', ['profile']]] as const) {
        const run = await dir.run(['--store', 's.db', ...args, '--format', 'xlsx', '--out', file]);
        expect(run.code, explain(run)).toBe(0);
        const strings = unzipped(readFileSync(dir.path(file))).get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
        expect(strings, file).toContain('<t>Oost_x005F_x000A_error: x</t>');
        expect(strings, file).not.toContain('<t>Oost_x000A_');
        const cells = (await readXlsx(readFileSync(dir.path(file)))).sheets.flatMap((sheet) => sheet.rows.flat());
        expect(cells, file).toContain(name);
        expect(cells.some((cell) => typeof cell === 'string' && cell.includes('Oost\n')), file).toBe(false);
      }
    } finally {
      dir.remove();
    }
  });
});
