// The demo zone end to end: `safety-scan demo`, then `indicators --json` for both waves, compared row by row with
// R's survey package (test/golden/demo-golden.json, written by test/golden/make-demo-golden.R; R is not needed here).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workdir, explain, type Run } from '../helpers/cli.js';

const ESTIMATE_TOLERANCE = 1e-9; // absolute
const SE_TOLERANCE = 1e-6; // relative
const BOUND_TOLERANCE = 1e-6; // absolute
const WEIGHT_TOLERANCE = 1e-8; // relative: the tool stops raking at 1e-9 of each margin, R goes further

type Num = number | null;

interface GoldenRow {
  indicator: string;
  district: string | null;
  n: number;
  suppressed: boolean;
  df?: number;
  estimate: Num;
  se?: number;
  /** svymean's own SE: its raking adjustment stops after 10 sweeps (survey 4.1 svyrecvar) */
  se_svymean?: number;
  ci_low?: number;
  ci_high?: number;
  n_eff?: number;
}

interface GoldenWave {
  file: string;
  read: number;
  respondents: number;
  excluded: number;
  excluded_by: { sex: number; age_group: number };
  weight_min: number;
  weight_max: number;
  kish_deff: number;
  rows: GoldenRow[];
}

interface Golden {
  generated_by: string;
  survey_version: string;
  min_cell: number;
  districts: string[];
  indicators: string[];
  waves: Record<string, GoldenWave>;
}

interface ToolRow {
  indicator: string;
  district: string | null;
  wave: string;
  estimate: Num;
  se: Num;
  ci_low: Num;
  ci_high: Num;
  ci_method: string;
  n: number;
  n_eff: Num;
  flag: string;
}

interface ToolOutput {
  schema_version: number;
  wave: string;
  weighting: {
    method: string;
    converged: boolean;
    respondents: number;
    excluded: number;
    excluded_by?: Record<string, number>;
    weight_min: number;
    weight_max: number;
    kish_deff: number;
  };
  rows: ToolRow[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/demo-golden.json', import.meta.url), 'utf8')) as Golden;
const WAVES = Object.keys(golden.waves);

const keyOf = (row: { indicator: string; district: string | null }) => `${row.indicator} / ${row.district ?? 'whole area'}`;

// The largest difference seen per wave and quantity, printed at the end.
const worst = new Map<string, { diff: number; row: string }>();
function track(wave: string, quantity: string, diff: number, row: string) {
  const key = `${wave} ${quantity}`;
  if (!worst.has(key) || diff > worst.get(key)!.diff) worst.set(key, { diff, row });
}

function expectAbsolute(wave: string, quantity: string, actual: Num, expected: number, tolerance: number, row: string) {
  expect(actual, `${wave} ${row} ${quantity}`).not.toBeNull();
  const diff = Math.abs(actual! - expected);
  track(wave, `${quantity} (absolute)`, diff, row);
  expect(diff, `${wave} ${row} ${quantity}: tool ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectRelative(wave: string, quantity: string, actual: Num, expected: number, tolerance: number, row: string) {
  expect(actual, `${wave} ${row} ${quantity}`).not.toBeNull();
  // an SE of exactly 0 (a share of 0 of 14) is compared absolutely
  const diff = expected === 0 ? Math.abs(actual!) : Math.abs(actual! - expected) / Math.abs(expected);
  track(wave, `${quantity} (relative)`, diff, row);
  expect(diff, `${wave} ${row} ${quantity}: tool ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

let work: Workdir;
const output: Record<string, ToolOutput> = {};
const unsuppressed: Record<string, ToolOutput> = {}; // the same with min_cell 1: every row gets its numbers

async function indicatorsJson(store: string, wave: string, extra: string[] = []): Promise<ToolOutput> {
  const run: Run = await work.run(['indicators', '--wave', wave, '--json', '--store', store, ...extra]);
  if (run.code !== 0) throw new Error(explain(run));
  return JSON.parse(run.stdout) as ToolOutput;
}

beforeAll(async () => {
  work = new Workdir();
  const demo = await work.run(['demo', work.path('zone')]);
  if (demo.code !== 0) throw new Error(explain(demo));
  const store = work.path('zone', 'safety-scan.db');
  work.write({ 'min-cell-1.yaml': 'estimates:\n  min_cell: 1\n' });
  for (const wave of WAVES) {
    output[wave] = await indicatorsJson(store, wave);
    unsuppressed[wave] = await indicatorsJson(store, wave, ['--config', work.path('min-cell-1.yaml')]);
  }
});

afterAll(() => {
  work?.remove();
  if (worst.size === 0) return;
  const lines = [...worst.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, { diff, row }]) => `  ${key}: ${diff.toExponential(2)} (${row})`);
  console.log(`largest differences from R:\n${lines.join('\n')}`);
});

test('the golden values come from the committed R script and survey 4.1, for every indicator, district and the whole area', () => {
  expect(golden.generated_by).toBe('test/golden/make-demo-golden.R');
  expect(golden.survey_version).toMatch(/^4\.1/);
  expect(WAVES).toEqual(['2023', '2026']);
  expect(golden.districts).toHaveLength(10);
  expect(golden.indicators).toHaveLength(17);
  for (const wave of WAVES) expect(golden.waves[wave].rows).toHaveLength(17 * 11);
});

describe.each(WAVES)('wave %s', (wave) => {
  const expected = golden.waves[wave];
  const rowsOf = (tool: ToolOutput) => new Map(tool.rows.map((row) => [keyOf(row), row]));
  const shown = () => expected.rows.filter((row) => !row.suppressed);

  test(`${wave}: the tool prints one row per indicator and district plus the whole area, the same rows as R`, () => {
    const tool = output[wave];
    expect(tool.wave).toBe(wave);
    expect(tool.rows.map(keyOf).sort()).toEqual(expected.rows.map(keyOf).sort());
    for (const row of tool.rows) expect(row.wave).toBe(wave);
  });

  test(`${wave}: weighting uses and leaves out the same respondents as R, and rakes to the same weights`, () => {
    const { weighting } = output[wave];
    expect(weighting.method).toBe('rake');
    expect(weighting.converged).toBe(true);
    expect(weighting.respondents).toBe(expected.respondents);
    expect(weighting.excluded).toBe(expected.excluded);
    expect(weighting.respondents + weighting.excluded).toBe(expected.read);
    expect(weighting.excluded_by?.sex).toBe(expected.excluded_by.sex);
    expect(weighting.excluded_by?.age_group).toBe(expected.excluded_by.age_group);
    expectRelative(wave, 'weight_min', weighting.weight_min, expected.weight_min, WEIGHT_TOLERANCE, 'weights');
    expectRelative(wave, 'weight_max', weighting.weight_max, expected.weight_max, WEIGHT_TOLERANCE, 'weights');
    expectRelative(wave, 'kish_deff', weighting.kish_deff, expected.kish_deff, WEIGHT_TOLERANCE, 'weights');
  });

  test(`${wave}: every n counts the respondents of the domain with a valid answer, as R does`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of expected.rows) expect(tool.get(keyOf(row))?.n, `${wave} ${keyOf(row)} n`).toBe(row.n);
  });

  test(`every ${wave} estimate matches R survey's svymean on the raked design`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of shown()) expectAbsolute(wave, 'estimate', tool.get(keyOf(row))!.estimate, row.estimate!, ESTIMATE_TOLERANCE, keyOf(row));
  });

  test(`every ${wave} SE matches R's linearised SE on the raked design, its raking adjustment swept to convergence`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of shown()) expectRelative(wave, 'se', tool.get(keyOf(row))!.se, row.se!, SE_TOLERANCE, keyOf(row));
  });

  test(`${wave}: SEs also match svymean's own 10-sweep answer, except where those 10 sweeps stop short and the tool has the converged value`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of shown()) {
      const actual = tool.get(keyOf(row))!.se!;
      if (row.se === 0) continue; // both exactly 0
      const fromSvymean = Math.abs(actual - row.se_svymean!) / row.se_svymean!;
      track(wave, 'se vs svymean, 10 sweeps (relative)', fromSvymean, keyOf(row));
      const rShortOfConvergence = Math.abs(row.se_svymean! - row.se!) / row.se! > SE_TOLERANCE;
      if (!rShortOfConvergence) expect(fromSvymean, `${wave} ${keyOf(row)} se vs svymean ${row.se_svymean}`).toBeLessThanOrEqual(SE_TOLERANCE);
      else expect(Math.abs(actual - row.se!) / row.se!, `${wave} ${keyOf(row)}: the converged SE`).toBeLessThan(1e-9);
    }
  });

  test(`${wave}: every share has R's Korn-Graubard bounds (docs/methods.md 5) and the insecurity index R's t interval`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of shown()) {
      const actual = tool.get(keyOf(row))!;
      expect(actual.ci_method, keyOf(row)).toBe(row.indicator === 'insecurity_index' ? 't' : 'korn-graubard');
      expectAbsolute(wave, 'ci_low', actual.ci_low, row.ci_low!, BOUND_TOLERANCE, keyOf(row));
      expectAbsolute(wave, 'ci_high', actual.ci_high, row.ci_high!, BOUND_TOLERANCE, keyOf(row));
    }
  });

  test(`${wave}: every effective sample size matches R's (p(1-p)/V or s²_w/V, capped at n)`, () => {
    const tool = rowsOf(output[wave]);
    for (const row of shown()) expectRelative(wave, 'n_eff', tool.get(keyOf(row))!.n_eff, row.n_eff!, SE_TOLERANCE, keyOf(row));
  });

  test(`${wave}: rows with fewer than ${golden.min_cell} answers are withheld (estimate, SE and interval null) with n still shown`, () => {
    const tool = rowsOf(output[wave]);
    const withheld = expected.rows.filter((row) => row.suppressed);
    expect(withheld.map(keyOf)).toContain('police_satisfied / Drieënhoek'); // the demo's 9 answers: never vacuous
    for (const row of withheld) {
      const actual = tool.get(keyOf(row))!;
      expect(actual.flag, keyOf(row)).toBe('suppressed');
      expect(actual.n, keyOf(row)).toBe(row.n);
      expect([actual.estimate, actual.se, actual.ci_low, actual.ci_high], keyOf(row)).toEqual([null, null, null, null]);
    }
    for (const row of shown()) expect(tool.get(keyOf(row))!.flag, keyOf(row)).not.toBe('suppressed');
  });

  test(`${wave}: with min_cell 1 the withheld rows get R's numbers as well, and nothing else changes`, () => {
    const tool = rowsOf(unsuppressed[wave]);
    const usual = rowsOf(output[wave]);
    for (const row of expected.rows) {
      const actual = tool.get(keyOf(row))!;
      if (!row.suppressed) {
        expect(actual.estimate, keyOf(row)).toBe(usual.get(keyOf(row))!.estimate);
        continue;
      }
      expectAbsolute(wave, 'estimate', actual.estimate, row.estimate!, ESTIMATE_TOLERANCE, `${keyOf(row)} (min_cell 1)`);
      expectRelative(wave, 'se', actual.se, row.se!, SE_TOLERANCE, `${keyOf(row)} (min_cell 1)`);
      expectAbsolute(wave, 'ci_low', actual.ci_low, row.ci_low!, BOUND_TOLERANCE, `${keyOf(row)} (min_cell 1)`);
      expectAbsolute(wave, 'ci_high', actual.ci_high, row.ci_high!, BOUND_TOLERANCE, `${keyOf(row)} (min_cell 1)`);
    }
  });
});
