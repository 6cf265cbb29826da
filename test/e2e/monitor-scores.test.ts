// A safety-monitor score (the insecurity index, 0-10) keeps its scale: imported wide or long, with or without
// `units: percent`, and shown by `profile` as a score, never multiplied by 100 as a share (adversarial run r24, F5).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

/** A copy of the demo store, for one test's imports. */
function storeCopy(name: string): string {
  const copy = zone.path(`${name}.db`);
  copyFileSync(zone.path('zone', 'safety-scan.db'), copy);
  return copy;
}

function stored(store: string, indicator: string): Array<{ value: number; ci_low: number | null; ci_high: number | null }> {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare("SELECT value, ci_low, ci_high FROM monitor WHERE area = 'Belgium' AND wave = '2026' AND indicator = ?").all(indicator) as Array<{ value: number; ci_low: number | null; ci_high: number | null }>;
  } finally {
    db.close();
  }
}

describe('a monitor score', () => {
  it('imported wide, profile shows it and the difference on its own scale (table and Markdown)', async () => {
    const store = storeCopy('wide');
    zone.write({ 'wide.csv': 'wave;area;insecurity_index;insecurity_index_ci_low;insecurity_index_ci_high;n\n2026;Belgium;3,1;2,9;3,3;1000\n' });
    const imported = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('wide.csv')]);
    expect(imported.code, explain(imported)).toBe(0);
    const json = await zone.run(['--store', store, 'profile', '--district', 'Oudegem', '--json']);
    const benchmark = JSON.parse(json.stdout).districts[0].benchmarks.find((b: { indicator: string; area: string }) => b.indicator === 'insecurity_index' && b.area === 'Belgium');
    expect(benchmark.value).toBe(3.1);
    const diff = (benchmark.diff as number).toFixed(1).replace('-', '−');
    for (const format of ['table', 'md']) {
      const run = await zone.run(['--store', store, 'profile', '--district', 'Oudegem', '--format', format]);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain('3.1 (2.9–3.3)');
      expect(run.stdout).toContain(diff);
      expect(run.stdout).not.toMatch(/310\.0|290\.0|330\.0/);
    }
  });

  it('imported long: kept on its scale, a share beside it read as a percentage only with `units: percent`', async () => {
    zone.write({ 'long.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2026;Belgium;insecurity_index;4,5;4,2;4,8;100\n2026;Belgium;unsafe_general;36,5;36,1;36,9;100\n' });
    // without units: the score is valid, the share of 36.5 is not a proportion
    const plain = storeCopy('long-plain');
    const run = await zone.run(['--store', plain, 'import', '--kind', 'monitor', '--json', zone.path('long.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(stored(plain, 'insecurity_index')).toEqual([{ value: 4.5, ci_low: 4.2, ci_high: 4.8 }]);
    expect(stored(plain, 'unsafe_general')).toEqual([]);
    // with the demo's mapping (`units: percent`): the share divided by 100, the score as written (was: 0.045)
    const mapped = storeCopy('long-mapped');
    const withUnits = await zone.run(['--store', mapped, 'import', '--kind', 'monitor', '--mapping', `${DEMO}/monitor-mapping.yaml`, zone.path('long.csv')]);
    expect(withUnits.code, explain(withUnits)).toBe(0);
    expect(stored(mapped, 'insecurity_index')).toEqual([{ value: 4.5, ci_low: 4.2, ci_high: 4.8 }]);
    expect(stored(mapped, 'unsafe_general')).toEqual([{ value: 0.365, ci_low: 0.361, ci_high: 0.369 }]);
  });

  it('imported long beyond its scale: refused naming the scale, without the hint on percentages', async () => {
    zone.write({ 'beyond.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2026;Belgium;insecurity_index;45;42;48;100\n' });
    const run = await zone.run(['--store', storeCopy('beyond'), 'import', '--kind', 'monitor', zone.path('beyond.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('`45` in value is out of range (allowed: 0-10)');
    expect(run.stderr).not.toMatch(/proportion|units/);
  });
});

// A share's column mixing cells with and without a % sign (adversarial run r28, item 7): its scale is decided
// once from all its cells, and a bare number that may be either a proportion or a percentage refuses the file.
describe('a monitor column mixing percentages and bare numbers', () => {
  const header = 'wave;area;indicator;value;ci_low;ci_high;n\n';

  it('bare numbers above 1 beside `45%` are percentages too (38 was rejected as out of range)', async () => {
    zone.write({ 'mixed.csv': `${header}2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;unsafe_neighbourhood;38;37;39;100\n` });
    const store = storeCopy('mixed');
    const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('mixed.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(stored(store, 'unsafe_general')).toEqual([{ value: 0.45, ci_low: 0.44, ci_high: 0.46 }]);
    expect(stored(store, 'unsafe_neighbourhood')).toEqual([{ value: 0.38, ci_low: 0.37, ci_high: 0.39 }]);
  });

  it('a bare number of at most 1 beside `45%` refuses the file, naming the column and its line; nothing stored', async () => {
    zone.write({ 'ambiguous.csv': `${header}2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;unsafe_neighbourhood;0,38;0,37;0,39;100\n` });
    const store = storeCopy('ambiguous');
    const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('ambiguous.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('ambiguous.csv:3');
    expect(run.stderr).toContain('`0,38`');
    expect(run.stderr).toContain('`45%`');
    expect(run.stderr).toMatch(/units/);
    expect(stored(store, 'unsafe_general')).toEqual([]);
    expect(stored(store, 'unsafe_neighbourhood')).toEqual([]);
  });

  it('the same in a wide table, per column', async () => {
    zone.write({ 'wide-mixed.csv': 'wave;area;unsafe_general;n\n2026;Belgium;45%;100\n2026;Nederland;0,38;100\n' });
    const run = await zone.run(['--store', storeCopy('wide-mixed'), 'import', '--kind', 'monitor', zone.path('wide-mixed.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('wide-mixed.csv:3');
    expect(run.stderr).toContain('unsafe_general');
  });

  it('still as before: only proportions, only percentages, a zero without its sign, a score beside a percentage, `units:` given', async () => {
    const cases: Array<[string, string, Record<string, Array<{ value: number; ci_low: number | null; ci_high: number | null }>>]> = [
      ['bare', '2026;Belgium;unsafe_general;0,45;0,44;0,46;100\n2026;Belgium;unsafe_neighbourhood;0,38;0,37;0,39;100\n', { unsafe_neighbourhood: [{ value: 0.38, ci_low: 0.37, ci_high: 0.39 }] }],
      ['signed', '2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;unsafe_neighbourhood;38 %;37 %;39 %;100\n', { unsafe_neighbourhood: [{ value: 0.38, ci_low: 0.37, ci_high: 0.39 }] }],
      ['zero', '2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;unsafe_neighbourhood;0;0;1%;100\n', { unsafe_neighbourhood: [{ value: 0, ci_low: 0, ci_high: 0.01 }] }],
      ['score', '2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;insecurity_index;0,9;0,8;1;100\n', { insecurity_index: [{ value: 0.9, ci_low: 0.8, ci_high: 1 }] }],
    ];
    for (const [name, rows, expected] of cases) {
      zone.write({ [`${name}.csv`]: header + rows });
      const store = storeCopy(name);
      const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path(`${name}.csv`)]);
      expect(run.code, `${name}: ${explain(run)}`).toBe(0);
      for (const [indicator, rowsStored] of Object.entries(expected)) expect(stored(store, indicator), name).toEqual(rowsStored);
    }
    // `units: percent` says how the bare numbers are meant: 0,38 is 0.38 %
    zone.write({ 'units.csv': `${header}2026;Belgium;unsafe_general;45%;44%;46%;100\n2026;Belgium;unsafe_neighbourhood;0,38;0,37;0,39;100\n` });
    const store = storeCopy('units');
    const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', '--mapping', `${DEMO}/monitor-mapping.yaml`, zone.path('units.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(stored(store, 'unsafe_neighbourhood')).toEqual([{ value: 0.0038, ci_low: 0.0037, ci_high: 0.0039 }]);
  });
});

// A monitor area is a name as a district is: stored without the characters that print as nothing, so that
// `Belgium` with a zero-width space, a soft hyphen or an interlinear annotation mark is no second area printed
// alike (found beside adversarial run r28, item 9).
describe('a monitor area with characters that print as nothing', () => {
  it.each([['a zero-width space', 'Belgium\u200b'], ['a soft hyphen', 'Bel\u00adgium'], ['an interlinear annotation mark', 'Belgium\ufffa']])('with %s is the area it prints as', async (_, area) => {
    zone.write({ 'invisible.csv': `wave;area;indicator;value;ci_low;ci_high;n\n2026;${area};unsafe_general;0,45;0,44;0,46;100\n` });
    const store = storeCopy('invisible');
    const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('invisible.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(stored(store, 'unsafe_general')).toEqual([{ value: 0.45, ci_low: 0.44, ci_high: 0.46 }]);
  });
});

describe('a monitor area written in another case (adversarial run r35, F1)', () => {
  it('is the area the store or the population figures spell so, or the file first wrote: a repeat is a duplicate, never a second area', async () => {
    zone.write({ 'cases.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2024;oudegem;unsafe_often;5%;4%;6%;100\n2024;Oudegem;unsafe_often;9%;8%;10%;100\n2024;BELGIUM;unsafe_general;40%;39%;41%;1000\n2024;vlaams gewest;unsafe_general;30%;29%;31%;1000\n2024;Vlaams Gewest;unsafe_often;8%;7%;9%;1000\n' });
    const store = storeCopy('cases');
    const run = await zone.run(['--store', store, 'import', '--kind', 'monitor', '--json', zone.path('cases.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_stored: 3, rows_rejected: 2 });
    const db = new Database(store, { readonly: true });
    try {
      const areas = db.prepare("SELECT DISTINCT area FROM monitor WHERE wave = '2024' AND lower(area) IN ('oudegem', 'belgium', 'vlaams gewest') ORDER BY area").pluck().all();
      expect(areas).toEqual(['Belgium', 'Oudegem', 'vlaams gewest']);
    } finally {
      db.close();
    }
  });
});

// Adversarial run r36, A1: an area that is a district misspelt (`Oudegm`) was stored as an area of its own, which
// benchmarks every district and the whole area, without a word.
describe('a monitor area that reads as a district misspelt', () => {
  it('is said with the district it resembles, in a dry run and an import, in the summary and the JSON; a benchmark area is not', async () => {
    zone.write({ 'typo.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2026;Oudegm;unsafe_often;40%;35%;45%;500\n2026;Belgium;unsafe_often;20%;18%;22%;5000\n2026;Zwijnarde;unsafe_often;40%;35%;45%;500\n' });
    const store = storeCopy('typo');
    const dry = await zone.run(['--store', store, '--lang', 'nl', 'import', '--dry-run', '--kind', 'monitor', zone.path('typo.csv')]);
    expect(dry.code, explain(dry)).toBe(0);
    expect(dry.stderr.replace(/\s+/g, ' ')).toContain('2 monitorgebieden staan niet als wijk in de bevolkingscijfers, maar lijken op een verkeerd gespelde wijk: `Oudegm` (`Oudegem`?); `Zwijnarde` (`Zwijnaarde`?)');
    const run = await zone.run(['--store', store, 'import', '--json', '--kind', 'monitor', zone.path('typo.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0].areas_like_districts).toEqual([
      { area: 'Oudegm', district: 'Oudegem' },
      { area: 'Zwijnarde', district: 'Zwijnaarde' },
    ]);
    zone.write({ 'benchmarks.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2025;Belgium;unsafe_often;20%;18%;22%;5000\n2025;Vlaams Gewest;unsafe_often;20%;18%;22%;5000\n2025;OUDEGEM;unsafe_often;20%;18%;22%;500\n' });
    const clean = await zone.run(['--store', store, 'import', '--json', '--kind', 'monitor', zone.path('benchmarks.csv')]);
    expect(clean.code, explain(clean)).toBe(0);
    expect(JSON.parse(clean.stdout).files[0].areas_like_districts).toBeNull();
    expect(clean.stderr).not.toContain('misspelt');
  });

  // adversarial run r38, F6: imported before the population figures, the monitor import had no district to compare with
  it('stored before the population figures is said by the population import that brings the districts', async () => {
    const store = zone.path('areas-first.db');
    const monitor = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('typo.csv')]);
    expect(monitor.code, explain(monitor)).toBe(0);
    expect(monitor.stderr).not.toContain('misspelt');
    const population = await zone.run(['--store', store, 'import', '--json', '--kind', 'population', join(DEMO, 'population.csv')]);
    expect(population.code, explain(population)).toBe(0);
    expect(population.stderr.replace(/\s+/g, ' ')).toContain(
      '2 monitor areas stored earlier are not a district in these population figures but look like a misspelt district name: `Oudegm` (`Oudegem`?); `Zwijnarde` (`Zwijnaarde`?).',
    );
    expect(JSON.parse(population.stdout).files[0].areas_like_districts).toEqual([
      { area: 'Oudegm', district: 'Oudegem' },
      { area: 'Zwijnarde', district: 'Zwijnaarde' },
    ]);
  });
});
