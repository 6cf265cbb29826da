// `safety-scan compare` on the demo zone, end to end: the change from 2023 to 2026 per indicator and district,
// compared with R (test/golden/compare-golden.json, written by test/golden/make-compare-golden.R from R survey's
// estimates in demo-golden.json; docs/methods.md section 8), in every format, with filters and errors.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_INDICATORS, indicatorLabel } from '../../src/config/codebook.js';
import { en } from '../../src/i18n/en.js';
import { Workdir, explain, type Run } from '../helpers/cli.js';

const DIFF_TOLERANCE = 1e-9; // absolute (each estimate is within 1e-9 of R's)
const RELATIVE = 1e-6; // z, p, q and SE: relative ...
const ABSOLUTE = 1e-9; // ... or absolute, whichever is looser (p and q near 0)

type Num = number | null;

interface GoldenRow {
  indicator: string;
  district: string | null;
  suppressed_from: boolean;
  suppressed_to: boolean;
  estimate_from: Num;
  estimate_to: Num;
  se_from: Num;
  se_to: Num;
  diff: Num;
  se: Num;
  z: Num;
  p: Num;
  q: Num;
  significant: boolean | null;
}

interface GoldenSubset {
  name: string;
  args: string[];
  family_size: number;
  rows: Array<Pick<GoldenRow, 'indicator' | 'district' | 'p' | 'q' | 'significant'>>;
}

interface Golden {
  generated_by: string;
  source: string;
  from: string;
  to: string;
  fdr: number;
  min_cell: number;
  districts: string[];
  indicators: string[];
  family_size: number;
  significant: number;
  rows: GoldenRow[];
  subsets: GoldenSubset[];
}

/** What `compare --json` prints per row: the golden row without the R-side bookkeeping. */
type ToolRow = Omit<GoldenRow, 'suppressed_from' | 'suppressed_to' | 'se_from' | 'se_to'>;

interface ToolOutput {
  schema_version: number;
  from: string;
  to: string;
  family_size: number;
  whole_area_apart: unknown;
  respondents_left_out: unknown[];
  rows: ToolRow[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/compare-golden.json', import.meta.url), 'utf8')) as Golden;
const FROM = golden.from;
const TO = golden.to;
const WHOLE_AREA = en['indicators.whole_area'];
const LABELS = new Map(BUILT_IN_INDICATORS.map((definition) => [indicatorLabel(definition, 'en'), definition]));
const KIND = new Map(BUILT_IN_INDICATORS.map((definition) => [definition.id, definition.type]));

const keyOf = (row: { indicator: string; district: string | null }) => `${row.indicator} / ${row.district ?? 'whole area'}`;
const byKey = <T extends { indicator: string; district: string | null }>(rows: T[]) => new Map(rows.map((row) => [keyOf(row), row]));

// The largest differences from R, printed at the end.
const worst = new Map<string, { diff: number; row: string }>();
function track(quantity: string, diff: number, row: string) {
  if (!worst.has(quantity) || diff > worst.get(quantity)!.diff) worst.set(quantity, { diff, row });
}

function expectAbsolute(quantity: string, actual: Num, expected: number, tolerance: number, row: string) {
  expect(actual, `${row} ${quantity}`).not.toBeNull();
  const diff = Math.abs(actual! - expected);
  track(`${quantity} (absolute)`, diff, row);
  expect(diff, `${row} ${quantity}: tool ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Within RELATIVE of R, or within ABSOLUTE (p-values far below any threshold). */
function expectClose(quantity: string, actual: Num, expected: number, row: string) {
  expect(actual, `${row} ${quantity}`).not.toBeNull();
  const absolute = Math.abs(actual! - expected);
  const relative = expected === 0 ? absolute : absolute / Math.abs(expected);
  track(`${quantity} (relative)`, relative, row);
  track(`${quantity} (absolute)`, absolute, row);
  expect(relative <= RELATIVE || absolute <= ABSOLUTE, `${row} ${quantity}: tool ${actual} vs R ${expected} (relative ${relative}, absolute ${absolute})`).toBe(true);
}

/** R's p.adjust(p, "BH"), for the family-size check on the tool's own p-values. */
function bh(p: Num[], m = p.filter((value) => value !== null).length): Num[] {
  const tested = p.flatMap((value, i) => (value === null ? [] : [{ value, i }])).sort((a, b) => b.value - a.value);
  const q: Num[] = p.map(() => null);
  let running = Infinity;
  tested.forEach(({ value, i }, k) => {
    running = Math.min(running, (m / (tested.length - k)) * value);
    q[i] = Math.min(1, running);
  });
  return q;
}

let work: Workdir;
let jsonRun: Run;
let tool: ToolOutput;
const flags: Record<string, Map<string, string>> = {};

function compare(...args: string[]): Promise<Run> {
  return work.run(['--store', work.path('zone', 'safety-scan.db'), 'compare', ...args]);
}
function ok(run: Run): Run {
  expect(run.code, explain(run)).toBe(0);
  return run;
}

beforeAll(async () => {
  work = new Workdir();
  const demo = await work.run(['demo', work.path('zone')]);
  if (demo.code !== 0) throw new Error(explain(demo));
  jsonRun = await compare('--from', FROM, '--to', TO, '--json');
  if (jsonRun.code !== 0) throw new Error(explain(jsonRun));
  tool = JSON.parse(jsonRun.stdout) as ToolOutput;
  for (const wave of [FROM, TO]) {
    const run = await work.run(['--store', work.path('zone', 'safety-scan.db'), 'indicators', '--wave', wave, '--json']);
    if (run.code !== 0) throw new Error(explain(run));
    const rows = (JSON.parse(run.stdout) as { rows: Array<{ indicator: string; district: string | null; flag: string }> }).rows;
    flags[wave] = new Map(rows.map((row) => [keyOf(row), row.flag]));
  }
});

afterAll(() => {
  work?.remove();
  if (worst.size === 0) return;
  const lines = [...worst.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, { diff, row }]) => `  ${key}: ${diff.toExponential(2)} (${row})`);
  console.log(`compare: largest differences from R:\n${lines.join('\n')}`);
});

describe('the golden file', () => {
  test('comes from the committed R script, for every indicator x (10 districts + whole area), with BH over the testable rows', () => {
    expect(golden.generated_by).toBe('test/golden/make-compare-golden.R');
    expect(golden.source).toBe('test/golden/demo-golden.json');
    expect(golden.districts).toHaveLength(10);
    expect(golden.indicators).toHaveLength(17);
    expect(golden.rows).toHaveLength(17 * 11);
    expect(golden.family_size).toBe(golden.rows.filter((row) => row.p !== null).length);
    // the demo's Drieënhoek police_satisfied (9 answers in both waves) is suppressed, and Schoonaarde's with it so
    // that Drieënhoek's cannot be found by subtraction (secondary suppression): never vacuous
    expect(golden.rows.filter((row) => row.p === null).map(keyOf).sort()).toEqual(['police_satisfied / Drieënhoek', 'police_satisfied / Schoonaarde']);
    expect(golden.significant).toBeGreaterThan(0);
  });
});

describe('compare --json against R', () => {
  test('has the contract shape: schema_version, from, to, rows with the documented keys', () => {
    expect(jsonRun.stderr).toBe('');
    expect(Object.keys(tool)).toEqual(['schema_version', 'from', 'to', 'family_size', 'whole_area_apart', 'respondents_left_out', 'rows']);
    expect(tool.whole_area_apart).toBeNull();
    expect(tool.respondents_left_out).toEqual([]);
    expect(tool).toMatchObject({ schema_version: 2, from: FROM, to: TO, family_size: golden.family_size });
    for (const row of tool.rows) {
      expect(Object.keys(row)).toEqual(['indicator', 'district', 'estimate_from', 'estimate_to', 'diff', 'se', 'z', 'p', 'q', 'significant']);
    }
  });

  test('one row per indicator and district plus the whole area: the same 17 x 11 rows as R, each indicator ending with the whole area', () => {
    expect(tool.rows).toHaveLength(17 * 11);
    expect(tool.rows.map(keyOf).sort()).toEqual(golden.rows.map(keyOf).sort());
    expect(new Set(tool.rows.map(keyOf)).size).toBe(tool.rows.length);
    for (const indicator of golden.indicators) {
      const rows = tool.rows.filter((row) => row.indicator === indicator);
      expect(rows.at(-1)!.district, indicator).toBeNull();
    }
  });

  test('estimates of both waves are R survey’s (suppressed sides null)', () => {
    const rows = byKey(tool.rows);
    for (const expected of golden.rows) {
      const actual = rows.get(keyOf(expected))!;
      for (const side of ['estimate_from', 'estimate_to'] as const) {
        if (expected[side] === null) expect(actual[side], `${keyOf(expected)} ${side}`).toBeNull();
        else expectAbsolute(side, actual[side], expected[side]!, DIFF_TOLERANCE, keyOf(expected));
      }
    }
  });

  test('diff = est_2 - est_1 and SE = sqrt(SE_1^2 + SE_2^2) as R computes them', () => {
    const rows = byKey(tool.rows);
    for (const expected of golden.rows.filter((row) => row.diff !== null)) {
      const actual = rows.get(keyOf(expected))!;
      expectAbsolute('diff', actual.diff, expected.diff!, DIFF_TOLERANCE, keyOf(expected));
      expectClose('se', actual.se, expected.se!, keyOf(expected));
      // and internally consistent with the printed estimates
      expect(Math.abs(actual.diff! - (actual.estimate_to! - actual.estimate_from!)), keyOf(expected)).toBeLessThanOrEqual(1e-15);
    }
  });

  test('z = diff / SE and the two-sided normal p, as R', () => {
    const rows = byKey(tool.rows);
    for (const expected of golden.rows.filter((row) => row.p !== null)) {
      const actual = rows.get(keyOf(expected))!;
      expectClose('z', actual.z, expected.z!, keyOf(expected));
      expectClose('p', actual.p, expected.p!, keyOf(expected));
    }
  });

  test('q is R’s p.adjust(p, "BH") over the whole run, and significant = q < 0.05', () => {
    const rows = byKey(tool.rows);
    for (const expected of golden.rows.filter((row) => row.q !== null)) {
      const actual = rows.get(keyOf(expected))!;
      expectClose('q', actual.q, expected.q!, keyOf(expected));
      expect(actual.significant, `${keyOf(expected)} (q ${actual.q})`).toBe(expected.significant);
      expect(actual.significant, keyOf(expected)).toBe(actual.q! < golden.fdr);
    }
    expect(tool.rows.filter((row) => row.significant === true)).toHaveLength(golden.significant);
  });

  test('rows with a suppressed side have null statistics and are left out of the BH family', () => {
    const rows = byKey(tool.rows);
    const untestable = golden.rows.filter((row) => row.p === null);
    expect(untestable.length).toBeGreaterThan(0);
    for (const expected of untestable) {
      const actual = rows.get(keyOf(expected))!;
      expect([actual.diff, actual.se, actual.z, actual.p, actual.q, actual.significant], keyOf(expected)).toEqual([null, null, null, null, null, null]);
    }
    for (const row of tool.rows.filter((r) => !untestable.some((u) => keyOf(u) === keyOf(r)))) {
      expect([row.diff, row.se, row.z, row.p, row.q, row.significant].some((v) => v === null), keyOf(row)).toBe(false);
    }
  });

  test('the BH family is exactly the rows with a p-value (family size = number of non-null p, not the number of rows)', () => {
    const p = tool.rows.map((row) => row.p);
    const m = p.filter((value) => value !== null).length;
    expect(m).toBe(golden.family_size);
    expect(m).toBe(tool.rows.length - 2);
    const q = bh(p, m);
    tool.rows.forEach((row, i) => {
      if (q[i] === null) expect(row.q, keyOf(row)).toBeNull();
      else expect(Math.abs(row.q! - q[i]!) / q[i]!, keyOf(row)).toBeLessThanOrEqual(1e-12);
    });
    // counting the untestable row in the family would give other q-values: the check above can tell them apart
    const wrong = bh(p, m + 1);
    expect(tool.rows.some((row, i) => row.q !== null && Math.abs(row.q - wrong[i]!) / row.q > 1e-6)).toBe(true);
  });
});

// ---- the formats ----

/** Data rows of a cli-table3 table: cells between │, trimmed; the first row is the header. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('│')
        .map((cell) => cell.trim()),
    );
}

/** Data rows of a Markdown table: `| a | b |` lines after the header and rule. */
function markdownRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.slice(2, -2).split(' | '));
}

const unescapeMarkdown = (cell: string) => cell.replace(/\\([\\`*_[\]|~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The golden row behind a printed row: indicator by its English label, district or the whole area. */
function goldenFor(label: string, district: string): GoldenRow {
  const definition = LABELS.get(label);
  expect(definition, `indicator label ${label}`).toBeDefined();
  const row = golden.rows.find((r) => r.indicator === definition!.id && (r.district ?? WHOLE_AREA) === district);
  expect(row, `${label} / ${district}`).toBeDefined();
  return row!;
}

/** p and q as printed: 3 decimals, or <0.001. */
function expectPrinted(cell: string, value: Num, what: string) {
  if (value === null) return expect(cell, what).toBe('');
  if (cell === '< 0.001') return expect(value, what).toBeLessThan(0.001);
  expect(cell, what).toMatch(/^\d\.\d{3}$/);
  expect(Math.abs(Number(cell) - value), `${what}: printed ${cell}, R ${value}`).toBeLessThanOrEqual(0.0005 + 1e-9);
}

/** The change as printed: percentage points for shares (1 decimal), the index itself (1 decimal); − for a fall. */
function expectChange(cell: string, row: GoldenRow, what: string) {
  if (row.diff === null) return expect(cell, what).toBe('');
  expect(cell, what).toMatch(/^[+−±]\d+\.\d$/);
  const value = Number(cell.slice(1)) * (cell.startsWith('−') ? -1 : 1);
  const expected = KIND.get(row.indicator) === 'share' ? row.diff * 100 : row.diff;
  expect(Math.abs(value - expected), `${what}: printed ${cell}, R ${expected}`).toBeLessThanOrEqual(0.05 + 1e-9);
}

/** Significant rows by |z| (largest first), as the table and Markdown should list them. */
const significantInOrder = () =>
  golden.rows
    .filter((row) => row.significant === true)
    .sort((a, b) => Math.abs(b.z!) - Math.abs(a.z!))
    .map(keyOf);

function checkReadingOrder(rows: string[][], format: string) {
  expect(rows, format).toHaveLength(golden.rows.length);
  const marker = (row: string[]) => row[7];
  const nSignificant = golden.significant;
  // significant first, then the non-significant, the untestable last
  const markers = rows.map(marker);
  expect(markers.slice(0, nSignificant), format).toEqual(Array(nSignificant).fill(en['compare.significant_marker']));
  const rest = markers.slice(nSignificant);
  expect(rest.includes(en['compare.significant_marker']), format).toBe(false);
  const firstUntestable = rest.indexOf(en['compare.untestable_marker']);
  expect(firstUntestable, format).toBe(rest.length - golden.rows.filter((row) => row.p === null).length);
  expect(rest.slice(0, firstUntestable).every((m) => m === ''), format).toBe(true);
  // every printed row is a golden row, each once, with its own numbers
  const seen = rows.map((row) => goldenFor(row[0], row[1]));
  expect(new Set(seen.map(keyOf)).size, format).toBe(golden.rows.length);
  expect(seen.slice(0, nSignificant).map(keyOf), `${format}: significant changes, largest |z| first`).toEqual(significantInOrder());
  rows.forEach((row, i) => {
    const expected = seen[i];
    const what = `${format} ${keyOf(expected)}`;
    expect(marker(row), what).toBe(expected.significant === true ? en['compare.significant_marker'] : expected.significant === false ? '' : en['compare.untestable_marker']);
    expectChange(row[4], expected, `${what} change`);
    expectPrinted(row[5], expected.p, `${what} p`);
    expectPrinted(row[6], expected.q, `${what} q`);
  });
}

const summaryLine = en['compare.summary'].replace('{significant}', String(golden.significant)).replace('{tested}', String(golden.family_size)).replace('{fdr}', '5');

describe('compare in every format', () => {
  test('table: heading, one line per row at a wide terminal, the rows of the Markdown table with q marked ◆ when significant; summary and legend', async () => {
    const wide = ok(await work.run(['--store', work.path('zone', 'safety-scan.db'), 'compare', '--from', FROM, '--to', TO], { env: { COLUMNS: '200' } }));
    expect(wide.stderr).toBe('');
    const lines = wide.stdout.split('\n');
    expect(lines[0]).toBe(en['compare.heading'].replace('{from}', FROM).replace('{to}', TO));
    const [head, ...rows] = tableRows(wide.stdout);
    expect(head).toEqual([en['compare.indicator'], en['indicators.district'], FROM, TO, en['compare.change'], 'q']);
    const md = markdownRows(ok(await compare('--from', FROM, '--to', TO, '--format', 'md')).stdout)
      .slice(2)
      .map((row) => row.map(unescapeMarkdown));
    // The same rows in the same order as the full (Markdown) table: p left out, the significance mark beside q.
    const narrowed = md.map((row) => [...row.slice(0, 5), row[6] === '' ? '' : `${row[6]} ${row[7] === en['compare.significant_marker'] ? '◆' : '\u2007'}`.trim()]);
    expect(rows).toEqual(narrowed);
    expect(lines).toContain(summaryLine);
    const notes = lines.slice(lines.findIndex((line) => line.startsWith('└')) + 1).join(' ');
    expect(notes).toContain(en['compare.legend_terminal'].replace('{mark}', '◆'));
    expect(wide.stdout.endsWith(`${en['compare.legend'].split(' ').slice(-4).join(' ')}\n`)).toBe(true);
  });

  test.each(['en', 'nl', 'fr'])('table at 80 columns (--lang %s): a table, not stacked, no line wider than 80', async (lang) => {
    const run = ok(await work.run(['--lang', lang, '--store', work.path('zone', 'safety-scan.db'), 'compare', '--from', FROM, '--to', TO], { env: { COLUMNS: '80' } }));
    const lines = run.stdout.split('\n');
    expect(lines[1].startsWith('┌')).toBe(true);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });

  test('table: unreliable estimates carry * and suppressed ones –', async () => {
    const wide = ok(await work.run(['--store', work.path('zone', 'safety-scan.db'), 'compare', '--from', FROM, '--to', TO], { env: { COLUMNS: '200' } }));
    const rows = tableRows(wide.stdout).slice(1);
    const drieenhoek = rows.filter((row) => row[1] === 'Drieënhoek');
    expect(drieenhoek.find((row) => LABELS.get(row[0])!.id === 'police_satisfied')!.slice(2, 4)).toEqual(['–', '–']);
    expect(drieenhoek.find((row) => LABELS.get(row[0])!.id === 'unsafe_general')![2]).toMatch(/\*$/);
  });

  test('a change that rounds to zero reads ±0.0 as an exact zero does, in the table and in Markdown (Drieënhoek’s insecurity index, −0.026; r17b finding 4)', async () => {
    const diff = tool.rows.find((row) => row.indicator === 'insecurity_index' && row.district === 'Drieënhoek')!.diff!;
    expect(Math.abs(diff)).toBeGreaterThan(0);
    expect(Math.abs(diff)).toBeLessThan(0.05);
    const isRow = (row: string[]) => row[1] === 'Drieënhoek' && LABELS.get(row[0])?.id === 'insecurity_index';
    const wide = ok(await work.run(['--store', work.path('zone', 'safety-scan.db'), 'compare', '--from', FROM, '--to', TO], { env: { COLUMNS: '200' } }));
    expect(tableRows(wide.stdout).find(isRow)![4]).toBe('±0.0');
    const md = markdownRows(ok(await compare('--from', FROM, '--to', TO, '--format', 'md')).stdout).map((row) => row.map(unescapeMarkdown));
    expect(md.find(isRow)![4]).toBe('±0.0');
    expect(wide.stdout).not.toContain('−0.0 ');
  });

  test('md: a heading and a Markdown table, significant first, with p, q and the marker in words; summary and legend escaped', async () => {
    const run = ok(await compare('--from', FROM, '--to', TO, '--format', 'md'));
    expect(run.stdout.startsWith(`# ${en['compare.heading'].replace('{from}', FROM).replace('{to}', TO)}\n\n`)).toBe(true);
    const [head, rule, ...rows] = markdownRows(run.stdout);
    expect(head).toEqual([en['compare.indicator'], en['indicators.district'], FROM, TO, en['compare.change'], 'p', 'q', '']);
    expect(rule).toEqual(['---', '---', '---:', '---:', '---:', '---:', '---:', '---']);
    checkReadingOrder(
      rows.map((row) => row.map(unescapeMarkdown)),
      'md',
    );
    // data-derived text is escaped: the unreliable star and <0.001 never become markup
    expect(run.stdout).toContain('&lt; 0.001');
    expect(run.stdout).toMatch(/\d\\\*/);
    expect(run.stdout).not.toMatch(/[^\\]\*\s/);
    expect(run.stdout).toContain(summaryLine);
    expect(run.stdout).toContain(en['compare.legend'].replace('*', '\\*'));
  });

  test('csv: the documented header, one line per row, the JSON numbers at full precision, units, scope and flags of both waves', async () => {
    const run = ok(await compare('--from', FROM, '--to', TO, '--format', 'csv'));
    expect(run.stderr).toBe('');
    // RFC 4180 records, CRLF as Excel expects
    expect(run.stdout.endsWith('\r\n')).toBe(true);
    expect(run.stdout.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe('indicator,unit,district,scope,from,to,estimate_from,estimate_to,diff,se,z,p,q,significant,flag_from,flag_to');
    expect(lines.at(-1)).toBe(''); // ends with a newline
    expect(lines).toHaveLength(1 + tool.rows.length + 1);
    const records = parse(run.stdout, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(tool.rows.length);
    const number = (cell: string) => (cell === '' ? null : Number(cell));
    records.forEach((record, i) => {
      const row = tool.rows[i]; // the same order as the JSON
      const what = keyOf(row);
      expect(record.indicator, what).toBe(row.indicator);
      expect(record.district, what).toBe(row.district ?? '');
      expect(record.scope, what).toBe(row.district === null ? 'whole_area' : 'district');
      expect(record.unit, what).toBe(row.indicator === 'insecurity_index' ? 'score_0_10' : 'proportion_0_1');
      expect([record.from, record.to], what).toEqual([FROM, TO]);
      for (const column of ['estimate_from', 'estimate_to', 'diff', 'se', 'z', 'p', 'q'] as const) {
        expect(number(record[column]), `${what} ${column}`).toBe(row[column]);
      }
      expect(record.significant, what).toBe(row.significant === null ? '' : String(row.significant));
      expect(record.flag_from, what).toBe(flags[FROM].get(keyOf(row)));
      expect(record.flag_to, what).toBe(flags[TO].get(keyOf(row)));
    });
    expect(records.filter((record) => record.flag_from === 'suppressed').map((record) => record.district)).toEqual(['Drieënhoek', 'Schoonaarde']);
  });

  test('--json is --format json, byte for byte', async () => {
    const formatJson = ok(await compare('--from', FROM, '--to', TO, '--format', 'json'));
    expect(formatJson.stdout).toBe(jsonRun.stdout);
  });

  test.each([['table'], ['json'], ['csv'], ['md']])('%s: two runs give byte-identical output', async (format) => {
    const a = ok(await compare('--from', FROM, '--to', TO, '--format', format));
    const b = ok(await compare('--from', FROM, '--to', TO, '--format', format));
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('filters: the BH family is every indicator in every district, whatever is printed', () => {
  test.each(golden.subsets.map((subset) => [subset.name, subset] as const))('%s', async (_name, subset) => {
    const run = ok(await compare('--from', FROM, '--to', TO, ...subset.args, '--json'));
    const output = JSON.parse(run.stdout) as ToolOutput;
    expect(output.rows.map(keyOf).sort()).toEqual(subset.rows.map(keyOf).sort());
    expect(output.family_size).toBe(subset.family_size);
    expect(subset.family_size).toBe(golden.family_size);
    const rows = byKey(output.rows);
    for (const expected of subset.rows) {
      const actual = rows.get(keyOf(expected))!;
      if (expected.p === null) {
        expect([actual.p, actual.q, actual.significant], keyOf(expected)).toEqual([null, null, null]);
        continue;
      }
      expectClose('p', actual.p, expected.p, `${keyOf(expected)} [${subset.name}]`);
      expectClose('q', actual.q, expected.q!, `${keyOf(expected)} [${subset.name}]`);
      expect(actual.significant, `${keyOf(expected)} [${subset.name}]`).toBe(expected.significant);
    }
  });

  test('--indicator unsafe_often --district Oudegem: exactly Oudegem and the whole area, with the q of the full comparison', async () => {
    const run = ok(await compare('--from', FROM, '--to', TO, '--indicator', 'unsafe_often', '--district', 'Oudegem', '--json'));
    const output = JSON.parse(run.stdout) as ToolOutput;
    expect(output.rows.map(keyOf)).toEqual(['unsafe_often / Oudegem', 'unsafe_often / whole area']);
    // A finding does not change with the display: the full comparison, the filtered one and the report agree.
    const full = byKey(tool.rows);
    for (const row of output.rows) expect(row).toEqual(full.get(keyOf(row)));
    expect(output.rows[0].significant).toBe(false);
    expect(output.family_size).toBe(tool.family_size);
  });

  test('filters apply in every format: csv and md have the same two rows', async () => {
    const args = ['--from', FROM, '--to', TO, '--indicator', 'unsafe_often', '--district', 'Oudegem'];
    const csv = ok(await compare(...args, '--format', 'csv')).stdout.trim().split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1].startsWith('unsafe_often,proportion_0_1,Oudegem,district,')).toBe(true);
    expect(csv[2].startsWith('unsafe_often,proportion_0_1,,whole_area,')).toBe(true);
    const md = markdownRows(ok(await compare(...args, '--format', 'md')).stdout).slice(2);
    expect(md.map((row) => row[1])).toEqual(['Oudegem', WHOLE_AREA]);
    expect(md[0][7]).toBe('');
  });
});

describe('--only-significant and --top', () => {
  test('--only-significant keeps exactly the significant rows of the full comparison, their q unchanged', async () => {
    const output = JSON.parse(ok(await compare('--from', FROM, '--to', TO, '--only-significant', '--json')).stdout) as ToolOutput;
    const significant = tool.rows.filter((row) => row.significant === true);
    expect(significant.length).toBeGreaterThan(2);
    expect(output.rows).toEqual(significant);
    expect(output.family_size).toBe(tool.family_size);
  });

  test('--top 3 keeps the three rows with the smallest p, in the comparison order, in every format', async () => {
    const output = JSON.parse(ok(await compare('--from', FROM, '--to', TO, '--top', '3', '--json')).stdout) as ToolOutput;
    const smallest = tool.rows.filter((row) => row.p !== null).sort((a, b) => (a.p ?? 1) - (b.p ?? 1)).slice(0, 3);
    expect(output.rows).toHaveLength(3);
    expect(new Set(output.rows.map(keyOf))).toEqual(new Set(smallest.map(keyOf)));
    expect(output.rows.map(keyOf)).toEqual(tool.rows.filter((row) => smallest.includes(row)).map(keyOf));
    const csv = ok(await compare('--from', FROM, '--to', TO, '--top', '3', '--format', 'csv')).stdout.trim().split('\r\n');
    expect(csv).toHaveLength(4);
  });

  test('--top combines with --only-significant and --indicator', async () => {
    const output = JSON.parse(ok(await compare('--from', FROM, '--to', TO, '--indicator', 'unsafe_often', '--only-significant', '--top', '50', '--json')).stdout) as ToolOutput;
    expect(output.rows).toEqual(tool.rows.filter((row) => row.indicator === 'unsafe_often' && row.significant === true));
  });

  test.each([['0'], ['-1'], ['2.5'], ['ten']])('--top %s is a usage error (exit 2) naming the option', async (value) => {
    const run = await compare('--from', FROM, '--to', TO, '--top', value);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('`--top` needs a whole number of 1 or more');
  });
});

describe('errors', () => {
  test('an unknown wave: exit 2, the wave named on stderr, nothing on stdout', async () => {
    for (const args of [
      ['--from', '2025', '--to', TO],
      ['--from', FROM, '--to', '2030'],
    ]) {
      const run = await compare(...args, '--json');
      expect(run.code, explain(run)).toBe(2);
      expect(run.stdout, explain(run)).toBe('');
      expect(run.stderr, explain(run)).toContain(args.includes('2025') ? '2025' : '2030');
    }
  });

  test('--from or --to missing: exit 2, the option named on stderr', async () => {
    const noFrom = await compare('--to', TO);
    expect(noFrom.code, explain(noFrom)).toBe(2);
    expect(noFrom.stdout).toBe('');
    expect(noFrom.stderr).toContain('--from');
    const noTo = await compare('--from', FROM);
    expect(noTo.code, explain(noTo)).toBe(2);
    expect(noTo.stderr).toContain('--to');
  });

  test('an unknown district, indicator or format: exit 2', async () => {
    for (const args of [['--district', 'Nowhere'], ['--indicator', 'nope'], ['--format', 'xml']]) {
      const run = await compare('--from', FROM, '--to', TO, ...args);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stdout, explain(run)).toBe('');
    }
  });
});

describe('other languages', () => {
  test.each([['nl'], ['fr']])('--lang %s: table and md render with no message key left untranslated', async (lang) => {
    for (const format of ['table', 'md']) {
      const run = ok(await compare('--from', FROM, '--to', TO, '--format', format, '--lang', lang));
      expect(run.stdout, `${lang} ${format}`).not.toMatch(/\b(compare|indicators|profile|source)\.[a-z_]+/);
      expect(run.stdout, `${lang} ${format}`).not.toMatch(/\{\w+\}/);
      expect(run.stdout, `${lang} ${format}`).not.toContain(en['compare.legend']);
      expect(run.stdout, `${lang} ${format}`).not.toContain('Whole area');
      expect(run.stdout, `${lang} ${format}: decimal commas`).toMatch(/\d,\d/);
    }
  });
});
