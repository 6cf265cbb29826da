// `plan` where analysts take it: `--format xlsx --out FILE` (one sheet of numbers with their formats and a sheet
// explaining every column, in the chosen language) and `--format csv` with and without `--excel`, read back with
// hucre's reader and a CSV parser and held against the plan's JSON.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';
import type { PlanJsonRow } from '../helpers/plan.js';

const demo = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];
const HALF_WIDTH = ['plan', '--indicator', 'unsafe_often', '--half-width', '0.04', '--response-rate', '0.35'];
const ROW_COLUMNS = ['district', 'scope', 'p', 'p_source', 'p_target', 'deff', 'deff_source', 'n_last', 'completes', 'completes_exact', 'invitations', 'population', 'exceeds_population'];

async function planJson(args: string[]): Promise<{ rows: PlanJsonRow[] }> {
  const run = await demo.run([...STORE, ...args, '--json']);
  expect(run.code, explain(run)).toBe(0);
  return JSON.parse(run.stdout);
}

async function workbook(lang: string, args: string[], file: string) {
  const run = await demo.run(['--lang', lang, ...STORE, ...args, '--format', 'xlsx', '--out', file]);
  expect(run.code, explain(run)).toBe(0);
  expect(run.stdout).toBe('');
  return readXlsx(readFileSync(demo.path(file)), { readStyles: true });
}

describe('plan --format xlsx --out', () => {
  it('one sheet with a row per district and the zone, numbers at full precision in the terminal’s formats', async () => {
    const book = await workbook('en', HALF_WIDTH, 'plan.xlsx');
    const json = await planJson(HALF_WIDTH);
    expect(book.sheets.map((sheet) => sheet.name)).toEqual(['Survey plan based on 2026', 'Columns explained']);
    const [sheet] = book.sheets;
    const header = sheet.rows[0] as string[];
    expect(header).toEqual([...ROW_COLUMNS, 'wave', 'indicator', 'target_kind', 'target_half_width', 'target_level', 'response_rate']);
    expect(sheet.rows).toHaveLength(json.rows.length + 1);
    const at = (name: string) => header.indexOf(name);
    for (const [index, expected] of json.rows.entries()) {
      const row = sheet.rows[index + 1];
      expect(row[at('district')] || null).toBe(expected.district);
      expect(row[at('scope')]).toBe(expected.district === null ? 'whole_area' : 'district');
      expect(row[at('p')]).toBeCloseTo(expected.p, 12);
      expect(row[at('deff')]).toBeCloseTo(expected.deff, 12);
      expect(row[at('completes_exact')]).toBeCloseTo(expected.completes_exact ?? Number.NaN, 9);
      expect([row[at('p_source')], row[at('deff_source')], row[at('n_last')], row[at('completes')], row[at('invitations')]]).toEqual([
        expected.p_source,
        expected.deff_source,
        expected.n_last,
        expected.completes,
        expected.invitations,
      ]);
      expect(row.slice(at('wave'))).toEqual(['2026', 'unsafe_often', 'half_width', 0.04, 0.95, 0.35]);
    }
    // Shares as percentages, the design effect and the unrounded requirement with two decimals; counts and the
    // settings as they are.
    const format = (column: string) => sheet.cells?.get(`1,${at(column)}`)?.style?.numFmt;
    expect([format('p'), format('deff'), format('completes_exact')]).toEqual(['0.0%', '0.00', '0.00']);
    expect([format('completes'), format('n_last'), format('response_rate'), format('target_half_width')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(typeof sheet.rows[1][at('completes')]).toBe('number');
  });

  it('explains its own columns: p is the share planned from, not a p-value', async () => {
    const book = await workbook('en', HALF_WIDTH, 'plan-about.xlsx');
    const about = book.sheets[1];
    expect(about.rows[0]).toEqual(['sheet', 'column', 'meaning']);
    const meaning = (column: string) => String(about.rows.find((line) => line[1] === column)?.[2]);
    expect(meaning('p')).toBe('the share the plan starts from (for `detect`: the first of the two shares)');
    expect(meaning('district')).toBe('the district; empty for the whole area');
    expect(meaning('scope')).toContain('not the sum of the districts');
    expect(meaning('invitations')).toContain('`--response-rate`');
  });

  it('gives the same bytes for the same plan, whatever the clock', async () => {
    await workbook('en', HALF_WIDTH, 'a.xlsx');
    await workbook('en', HALF_WIDTH, 'b.xlsx');
    expect(readFileSync(demo.path('a.xlsx')).equals(readFileSync(demo.path('b.xlsx')))).toBe(true);
  });

  it('without --out is a usage error, and so is --excel with another format than csv', async () => {
    const book = await demo.run([...STORE, ...HALF_WIDTH, '--format', 'xlsx']);
    expect(book.code).toBe(2);
    expect(book.stderr).toContain('add `--out` with a file name ending in .xlsx');
    const excel = await demo.run([...STORE, ...HALF_WIDTH, '--format', 'md', '--excel']);
    expect(excel.code).toBe(2);
    expect(excel.stderr).toContain('`--excel` goes with `--format csv`');
  });
});

describe.each([
  ['nl', 'Planning bevraging o.b.v. 2026', 'Uitleg kolommen', ['blad', 'kolom', 'betekenis'], 'aandeel'],
  ['fr', 'Plan d’enquête (données 2026)', 'Explication des colonnes', ['feuille', 'colonne', 'signification'], 'part'],
])('--lang %s', (lang, sheetName, aboutName, aboutHeader, share) => {
  it.each([
    ['detect', ['plan', '--indicator', 'police_satisfied', '--detect', '0.55:0.70'], ['target_kind', 'target_p1', 'target_p2', 'target_power', 'target_alpha', 'response_rate'], ['detect', 0.55, 0.7, 0.8, 0.05, null]],
    ['change', ['plan', '--indicator', 'unsafe_often', '--change', '0.05', '--power', '0.9'], ['target_kind', 'target_change', 'target_power', 'target_alpha', 'response_rate'], ['change', 0.05, 0.9, 0.05, null]],
  ] as const)('--%s: the target’s own columns, every column explained in the language', async (kind, args, targetColumns, settings) => {
    const book = await workbook(lang, [...args], `plan-${kind}-${lang}.xlsx`);
    const json = await planJson([...args]);
    expect(book.sheets.map((sheet) => sheet.name)).toEqual([sheetName, aboutName]);
    const [sheet, about] = book.sheets;
    const header = sheet.rows[0] as string[];
    // Column names are the same in every language: scripts read them.
    expect(header).toEqual([...ROW_COLUMNS, 'wave', 'indicator', ...targetColumns]);
    const zone = sheet.rows[json.rows.length];
    expect(zone[header.indexOf('scope')]).toBe('whole_area');
    expect(zone[header.indexOf('p_target')]).toBeCloseTo(json.rows[json.rows.length - 1].p_target ?? Number.NaN, 12);
    expect(sheet.cells?.get(`1,${header.indexOf('p_target')}`)?.style?.numFmt).toBe('0.0%');
    expect(zone.slice(header.indexOf('target_kind')).map((cell) => cell ?? null)).toEqual(settings);
    expect(about.rows[0]).toEqual(aboutHeader);
    expect(about.rows.slice(1).map((line) => line[1])).toEqual(header);
    for (const line of about.rows.slice(1)) {
      expect(line[0]).toBe(sheetName);
      expect(String(line[2] ?? '').length, String(line[1])).toBeGreaterThan(10);
    }
    const english = await workbook('en', [...args], `plan-${kind}-en.xlsx`);
    const meanings = new Map(english.sheets[1].rows.map((line) => [line[1], line[2]]));
    for (const line of about.rows.slice(1)) expect(line[2], String(line[1])).not.toBe(meanings.get(line[1]));
    expect(String(about.rows.find((line) => line[1] === 'p')?.[2])).toContain(share);
  });
});

describe('plan --format csv', () => {
  it('for scripts: the workbook’s columns, comma, decimal point, full precision, no BOM', async () => {
    const run = await demo.run([...STORE, ...HALF_WIDTH, '--format', 'csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.startsWith('district,scope,p,p_source,')).toBe(true);
    const rows: string[][] = parse(run.stdout);
    const json = await planJson(HALF_WIDTH);
    expect(rows).toHaveLength(json.rows.length + 1);
    const header = rows[0];
    const zone = rows[json.rows.length];
    const expected = json.rows[json.rows.length - 1];
    expect(zone[header.indexOf('district')]).toBe('');
    expect(Number(zone[header.indexOf('p')])).toBe(expected.p);
    expect(Number(zone[header.indexOf('completes_exact')])).toBe(expected.completes_exact);
    expect(zone.slice(header.indexOf('completes'), header.indexOf('invitations') + 1).map(Number)).toEqual([expected.completes, expected.completes_exact, expected.invitations]);
    expect(zone.slice(header.indexOf('wave'))).toEqual(['2026', 'unsafe_often', 'half_width', '0.04', '0.95', '0.35']);
  });

  it('--excel: BOM, semicolons and decimal commas, rounded as shown, the settings as typed; it parses back', async () => {
    const run = await demo.run([...STORE, ...HALF_WIDTH, '--format', 'csv', '--excel', '--out', 'plan.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(demo.path('plan.csv'), 'utf8');
    expect(text.startsWith('\ufeffdistrict;scope;p;')).toBe(true);
    const rows: string[][] = parse(text.slice(1), { delimiter: ';' });
    const json = await planJson(HALF_WIDTH);
    const header = rows[0];
    for (const [index, expected] of json.rows.entries()) {
      const row = rows[index + 1];
      // A share as a proportion with three decimals (12.2%), the design effect with two.
      expect(row[header.indexOf('p')]).toMatch(/^0,\d{3}$/);
      expect(Number(row[header.indexOf('p')].replace(',', '.'))).toBeCloseTo(expected.p, 3);
      expect(row[header.indexOf('deff')]).toBe(expected.deff.toFixed(2).replace('.', ','));
      expect(row[header.indexOf('completes')]).toBe(String(expected.completes));
      expect(row.slice(header.indexOf('target_half_width'))).toEqual(['0,04', '0,95', '0,35']);
    }
  });
});
