// The row validator, kind by kind: typed rows out, every issue code, and remembered verdicts that never
// change a verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../src/config/codebook.js';
import { describeIssue, type RowIssue } from '../../src/ingest/issues.js';
import { handlerFor } from '../../src/ingest/kinds/index.js';
import type { Kind } from '../../src/ingest/kinds/kind.js';
import type { MappingSpec } from '../../src/ingest/mapping.js';
import { planColumns } from '../../src/ingest/plan.js';
import { decideScales } from '../../src/ingest/percent-scale.js';
import { RowValidator, refused, rowBuilder } from '../../src/ingest/validate.js';
import { codebook as builtIn, mapping, t } from './helpers.js';

function validator<K extends Kind>(kind: K, header: string[], options: { wave?: string; spec?: MappingSpec; codebook?: Codebook } = {}) {
  const handler = handlerFor(kind);
  const layout = handler.layout(options.codebook ?? builtIn);
  const plan = planColumns(header, layout, options.spec ? mapping(options.spec) : null, { wave: options.wave }, 'f.csv');
  return new RowValidator(plan, layout, handler, options.wave);
}

/** The issues of a refused row as [column, code]; fails the test if the row was valid. */
function issues(result: unknown): Array<[string | null, string]> {
  if (!refused(result)) throw new Error(`row was valid: ${JSON.stringify(result)}`);
  return result.map((issue) => [issue.column, issue.code]);
}

const SURVEY = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', 'avoid_places'];

describe('survey rows', () => {
  const rows = validator('survey', SURVEY);

  it('come out typed: codes, labels in three languages, names normalised, empty answers absent', () => {
    expect(rows.validate(['R1', '2026', ' Sint  Denijs ', 'vrouw', '44', 'vaak', 'ja'], 2)).toEqual({
      respondent_id: 'R1',
      wave: '2026',
      district: 'Sint Denijs',
      sex: 'F',
      age: 44,
      unsafe_freq: 4,
      avoid_places: 1,
    });
    expect(rows.validate(['R2', '2026', 'Oudegem', '', '', 'souvent', ''], 3)).toEqual({ respondent_id: 'R2', wave: '2026', district: 'Oudegem', unsafe_freq: 4 });
  });

  it('collect every issue of a row, not just the first', () => {
    const result = rows.validate(['R1', '26', '', 'Q', 'forty', '7', 'maybe'], 5);
    expect(issues(result)).toEqual([
      ['wave', 'invalid_value'],
      ['district', 'required'],
      ['sex', 'invalid_value'],
      ['age', 'not_a_number'],
      ['unsafe_freq', 'out_of_range'],
      ['avoid_places', 'invalid_value'],
    ]);
    expect((result as RowIssue[])[3]).toMatchObject({ line: 5, column: 'age', columnNumber: 5, value: 'forty' });
  });

  it('refuse fractions where whole numbers belong and ages out of range', () => {
    expect(issues(rows.validate(['R1', '2026', 'Oudegem', 'M', '44.5', '1', '0'], 2))).toEqual([['age', 'not_integer']]);
    expect(issues(rows.validate(['R1', '2026', 'Oudegem', 'M', '130', '1', '0'], 2))).toEqual([['age', 'out_of_range']]);
  });

  it('refuse whole numbers written with an exponent: an age, an answer code, a wave (adversarial run r12, finding 15)', () => {
    const result = rows.validate(['R1', '2.026e3', 'Oudegem', 'M', '1e1', '3e0', '0'], 2) as RowIssue[];
    expect(issues(result)).toEqual([
      ['wave', 'invalid_value'],
      ['age', 'not_integer'],
      ['unsafe_freq', 'not_integer'],
    ]);
    expect(describeIssue(result[1], t)).toBe('`1e1` in age is written with an exponent: write a whole number in digits (1000, not 1e3)');
    expect(refused(rows.validate(['R1', '2026', 'Oudegem', 'M', '44', '3', '0'], 3))).toBe(false);
    // a decimal (a supplied weight) may be written with an exponent
    expect(validator('survey', [...SURVEY, 'weight']).validate(['R1', '2026', 'Oudegem', 'M', '44', '3', '0', '2,5e1'], 4)).toMatchObject({ weight: 25 });
  });

  // adversarial run r31, item 7: `NaN` was quoted and `Infinity` withheld, for one reason; both are a program's way of
  // writing a number that is not finite (R, Python, JavaScript), no one's data: both shown as written
  it('quote a weight that is not a finite number as written, whichever way a program spells it', () => {
    const weighted = validator('survey', [...SURVEY, 'weight']);
    for (const cell of ['NaN', 'Infinity', '-Infinity', 'inf', '-Inf', 'nan']) {
      const result = weighted.validate(['R1', '2026', 'Oudegem', 'M', '44', '3', '0', cell], 2) as RowIssue[];
      expect(issues(result).map(([column]) => column), cell).toEqual(['weight']);
      expect(describeIssue(result[0], t)).toMatch(new RegExp(`^\`${cell}\` in weight`));
    }
    // a word that may be a name stays withheld
    const named = weighted.validate(['R1', '2026', 'Oudegem', 'M', '44', '3', '0', 'Infinity Peeters'], 2) as RowIssue[];
    expect(describeIssue(named[0], t)).toMatch(/^`\*\*\*` in weight/);
  });

  it('refuse a row whose age columns contradict each other, naming the other column (adversarial run r12, finding 17)', () => {
    const ages = validator('survey', ['respondent_id', 'wave', 'district', 'sex', 'age', 'age_group', 'birth_year', 'unsafe_freq']);
    const row = (age: string, group: string, born: string) => ages.validate(['R1', '2026', 'Oudegem', 'F', age, group, born, '3'], 2);
    const young = row('25', '65+', '') as RowIssue[];
    expect(issues(young)).toEqual([['age', 'age_conflict']]);
    expect(describeIssue(young[0], t)).toBe('`25` in age contradicts age_group `65+` in the same row');
    expect(issues(row('25', '', '1950'))).toEqual([['age', 'age_conflict']]);
    expect(describeIssue((row('25', '', '1950') as RowIssue[])[0], t)).toBe('`25` in age contradicts birth_year `1950` in the same row');
    expect(issues(row('', '65+', '1990'))).toEqual([['birth_year', 'age_conflict']]);
    // ages that agree, a birthday either side of the fieldwork included
    for (const [age, group, born] of [['25', '15-29', '2001'], ['25', '', '2000'], ['24', '', '2001'], ['', '15-29', '2000'], ['29', '15-29', ''], ['', '30-44', '1997']]) {
      expect(refused(row(age, group, born)), `${age}/${group}/${born}`).toBe(false);
    }
  });

  it('refuse ragged rows as a whole, but not trailing empty fields', () => {
    const short = rows.validate(['R1', '2026', 'Oudegem'], 4) as RowIssue[];
    expect(issues(short)).toEqual([[null, 'ragged']]);
    expect(describeIssue(short[0], t)).toBe('the row has 3 fields, the header has 7');
    expect(refused(rows.validate(['R1', '2026', 'Oudegem', 'M', '44', '1', '0', '', ' '], 4))).toBe(false);
    expect(issues(rows.validate(['R1', '2026', 'Oudegem', 'M', '44', '1', '0', 'x'], 4))).toEqual([[null, 'ragged']]);
  });

  it('refuse rows of another wave than --wave', () => {
    const waved = validator('survey', SURVEY, { wave: '2026' });
    const result = waved.validate(['R1', '2023', 'Oudegem', 'M', '44', '1', '0'], 2) as RowIssue[];
    expect(issues(result)).toEqual([['wave', 'wave_mismatch']]);
    expect(describeIssue(result[0], t)).toBe('wave 2023 differs from --wave 2026');
  });

  it('check answers against scales with gaps', () => {
    const gapped: Codebook = { ...builtIn, items: [...builtIn.items, { name: 'trust', values: [1, 2, 5], labels: {}, question: {} }] };
    const trust = validator('survey', ['respondent_id', 'wave', 'district', 'sex', 'age', 'trust'], { codebook: gapped });
    expect(trust.validate(['R1', '2026', 'Oudegem', 'M', '44', '5'], 2)).toMatchObject({ trust: 5 });
    expect(issues(trust.validate(['R1', '2026', 'Oudegem', 'M', '44', '3'], 2))).toEqual([['trust', 'out_of_range']]);
  });

  it('recode answers through a mapping before judging them', () => {
    const lime = validator('survey', SURVEY, { spec: { recode: { '*': { A4: 4, Y: 1 } } } });
    expect(lime.validate(['R1', '2026', 'Oudegem', 'M', '44', 'A4', 'Y'], 2)).toMatchObject({ unsafe_freq: 4, avoid_places: 1 });
  });
});

describe('key-figure rows', () => {
  const rows = validator('keyfigures', ['interview_id', 'wave', 'district', 'organisation_type', 'theme', 'severity', 'trend', 'note']);

  it('come out typed with themes and trends in any language', () => {
    expect(rows.validate(['K1', '2026', 'Oudegem', 'school', 'Youth Nuisance', '4', 'beter', ''], 2)).toEqual({
      interview_id: 'K1',
      wave: '2026',
      district: 'Oudegem',
      organisation_type: 'school',
      theme: 'youth_nuisance',
      severity: 4,
      trend: 'better',
    });
  });

  it('refuse unknown themes, severities out of range and unknown trends', () => {
    const result = rows.validate(['K1', '2026', 'Oudegem', 'school', 'weather', '6', 'sideways', ''], 2) as RowIssue[];
    expect(issues(result)).toEqual([
      ['theme', 'invalid_value'],
      ['severity', 'out_of_range'],
      ['trend', 'invalid_value'],
    ]);
    expect(describeIssue(result[0], t)).toContain('allowed: burglary, vehicle_crime');
  });

  it('say an empty theme is missing, not "`` is not allowed" (a list of codes is an enum, which zod 4 reports otherwise: r35, minor)', () => {
    const result = rows.validate(['K1', '2026', 'Oudegem', 'school', '', '4', '', ''], 2) as RowIssue[];
    expect(issues(result)).toEqual([['theme', 'required']]);
    expect(describeIssue(result[0], t)).toBe('theme is required but empty');
  });
});

describe('monitor rows', () => {
  const header = ['wave', 'area', 'indicator', 'value', 'ci_low', 'ci_high', 'n'];
  const rows = validator('monitor', header);

  it('come out typed', () => {
    expect(rows.validate(['2021', 'Belgium', 'unsafe_often', '0,092', '0,089', '0,094', '100240'], 2)).toEqual({
      wave: '2021',
      area: 'Belgium',
      indicator: 'unsafe_often',
      value: 0.092,
      ci_low: 0.089,
      ci_high: 0.094,
      n: 100240,
    });
  });

  it('read percentages when the mapping says so, and refuse them when it does not', () => {
    const percent = validator('monitor', header, { spec: { units: { value: 'percent', ci_low: 'percent', ci_high: 'percent' } } });
    expect(percent.validate(['2021', 'Belgium', 'unsafe_often', '9,2', '8,9', '9,4', ''], 2)).toMatchObject({ value: 0.092 });
    expect(issues(rows.validate(['2021', 'Belgium', 'unsafe_often', '9,2', '', '', ''], 2))).toEqual([['value', 'out_of_range']]);
  });

  it('refuse a value outside its interval, and an interval with one bound', () => {
    expect(issues(rows.validate(['2021', 'Belgium', 'unsafe_often', '0.5', '0.6', '0.7', ''], 2))).toEqual([['value', 'interval_order']]);
    expect(issues(rows.validate(['2021', 'Belgium', 'unsafe_often', '0.5', '0.4', '', ''], 2))).toEqual([['ci_high', 'interval_incomplete']]);
    expect(issues(rows.validate(['2021', 'Belgium', 'unsafe_often', '0.5', '', '0.6', ''], 2))).toEqual([['ci_low', 'interval_incomplete']]);
  });

  it('refuse unknown indicators', () => {
    expect(issues(rows.validate(['2021', 'Belgium', 'happiness', '0.5', '', '', ''], 2))).toEqual([['indicator', 'invalid_value']]);
  });
});

describe('population rows', () => {
  const rows = validator('population', ['district', 'sex', 'age_group', 'population']);

  it('come out typed, with age groups as bounds and no wave when the file has none', () => {
    expect(rows.validate(['Oudegem', 'M', '75+', '1 234'], 2)).toEqual({
      district: 'Oudegem',
      sex: 'M',
      age_group: { band: '75+', ages: { min: 75, max: null }, fits: { label: '75+', min: 75, max: null } },
      population: 1234,
    });
  });

  it('refuse sexes other than M and F, upside-down age groups and negative counts', () => {
    expect(issues(rows.validate(['Oudegem', 'X', '29-15', '-3'], 2))).toEqual([
      ['sex', 'invalid_value'],
      ['age_group', 'invalid_value'],
      ['population', 'out_of_range'],
    ]);
  });
});

describe('signal rows', () => {
  const rows = validator('signals', ['date', 'district', 'theme', 'source', 'count']);

  it('take their wave from their date', () => {
    expect(rows.validate(['14/03/2025', 'Oudegem', 'speeding', 'complaint', '2'], 2)).toEqual({
      date: '2025-03-14',
      district: 'Oudegem',
      theme: 'speeding',
      source: 'complaint',
      count: 2,
      wave: '2025',
    });
  });

  it('refuse a count written with an exponent, and a key figure’s severity (adversarial run r12, finding 15)', () => {
    expect(issues(rows.validate(['2025-03-14', 'Oudegem', 'speeding', 'complaint', '1e3'], 2))).toEqual([['count', 'not_integer']]);
    const population = validator('population', ['district', 'sex', 'age_group', 'population']);
    expect(issues(population.validate(['Oudegem', 'M', '75+', '1E3'], 2))).toEqual([['population', 'not_integer']]);
    const figures = validator('keyfigures', ['interview_id', 'wave', 'district', 'organisation_type', 'theme', 'severity']);
    expect(issues(figures.validate(['K1', '2026', 'Oudegem', 'school', 'drugs', '4e0'], 2))).toEqual([['severity', 'not_integer']]);
  });

  it('refuse impossible dates and counts below one', () => {
    expect(issues(rows.validate(['31/02/2025', 'Oudegem', 'speeding', 'complaint', '0'], 2))).toEqual([
      ['date', 'not_a_date'],
      ['count', 'out_of_range'],
    ]);
  });

  it('check the implied wave against --wave', () => {
    const waved = validator('signals', ['date', 'district', 'theme', 'source', 'count'], { wave: '2026' });
    expect(waved.validate(['2026-01-02', 'Oudegem', 'speeding', 'complaint', '1'], 2)).toMatchObject({ wave: '2026' });
  });
});

describe('remembered verdicts', () => {
  // Cells of up to two ASCII characters are remembered by their codes (so pairs that swap or share a code
  // are here), longer ones by text and as the column's last cell.
  const CELLS = ['', '1', '3', '5', '7', 'x', 'vaak', '44', '44.5', 'forty', 'M', 'F', 'Q', '2026', '2023', 'Oudegem', ' 2 ', '٣', '12', '21', '4x', 'é', '1é', 'Zwijnaarde'];
  const row = fc.array(fc.constantFrom(...CELLS), { minLength: SURVEY.length, maxLength: SURVEY.length });

  it('never change a verdict: a validator that has seen other rows judges a row as a fresh one does', () => {
    const handler = handlerFor('survey');
    const layout = handler.layout(builtIn);
    const plan = planColumns(SURVEY, layout, null, {}, 'f.csv');
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const seasoned = new RowValidator(plan, layout, handler);
        rows.forEach((fields, i) => {
          expect(seasoned.validate(fields, i + 2)).toEqual(new RowValidator(plan, layout, handler).validate(fields, i + 2));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('do not leak one row’s values into the next', () => {
    const rows = validator('survey', SURVEY);
    const first = rows.validate(['R1', '2026', 'Oudegem', 'M', '44', '5', '1'], 2);
    const second = rows.validate(['R2', '2026', 'Oudegem', 'M', '44', '5', '1'], 3);
    expect(second).not.toBe(first);
    expect(second).toMatchObject({ respondent_id: 'R2' });
    expect(first).toMatchObject({ respondent_id: 'R1' });
  });
});

describe('the row builder', () => {
  it('makes a fresh row per call, the planned columns in order, empty cells undefined', () => {
    const build = rowBuilder(['respondent_id', 'age', 'unsafe_freq']);
    const cells: unknown[] = ['R1', 44, undefined];
    const first = build(cells);
    cells[0] = 'R2';
    expect(Object.entries(first)).toEqual([['respondent_id', 'R1'], ['age', 44], ['unsafe_freq', undefined]]);
    expect(build(cells)).not.toBe(first);
    expect(build(cells).respondent_id).toBe('R2');
  });

  it('refuses anything but distinct column names, so no text ever becomes code', () => {
    for (const name of ['__proto__', 'a b', 'x: 1, y', "a']", 'Age', '']) expect(() => rowBuilder([name])).toThrow(/invariant/);
    expect(() => rowBuilder(['age', 'age'])).toThrow(/planned twice/);
  });
});

// A decimal column's decimal mark, decided from all its cells (adversarial run r29, A2): `1.250` beside `1.234,5`
// was read as 1.25, a thousandth of what the column means.
describe('the decimal mark of a weight column', () => {
  const header = [...SURVEY, 'weight'];
  async function weights(cells: string[]): Promise<unknown[]> {
    const handler = handlerFor('survey');
    const layout = handler.layout(builtIn);
    const plan = planColumns(header, layout, null, {}, 'w.csv');
    const rows = cells.map((weight, i) => ({ line: i + 2, fields: [`R${i}`, '2026', 'Oudegem', 'M', '44', '3', '0', weight] }));
    const decided = await decideScales(plan, new RowValidator(plan, layout, handler), (async function* () {
      yield rows;
    })());
    const validator = new RowValidator(decided, layout, handler);
    return rows.map(({ fields, line }) => (validator.validate(fields, line) as { weight: number }).weight);
  }

  it('reads `1.250` as 1250 in a column that writes its decimals with a comma', async () => {
    expect(await weights(['1.234,5', '2.345,0', '1.250', '2,5'])).toEqual([1234.5, 2345, 1250, 2.5]);
  });

  it('reads `1.250` as 1.25 in a column that writes its decimals with a point, or gives no other sign', async () => {
    expect(await weights(['1.25', '0.5', '1.250'])).toEqual([1.25, 0.5, 1.25]);
    expect(await weights(['1.250', '2'])).toEqual([1.25, 2]);
  });

  it('refuses a column with decimals of both marks and a cell either reading changes, at that cell', async () => {
    await expect(weights(['1.234,5', '1.25', '1.250'])).rejects.toMatchObject({ kind: 'input', detail: { key: 'input.decimal_marks_mixed' }, location: { file: 'w.csv', line: 4, column: 8 } });
    // without such a cell, each decimal reads as written
    expect(await weights(['2,5', '1.25'])).toEqual([2.5, 1.25]);
  });
});

// An id column's schema (idSchema), one for both kinds
describe('an id', () => {
  const row = (id: string) => [id, '2026', 'Oudegem', 'M', '44', '3', '0'];
  it('takes 1 to 200 characters, and refuses an empty or a longer one', () => {
    const survey = validator('survey', SURVEY);
    expect(survey.validate(row('R1'), 2)).toMatchObject({ respondent_id: 'R1' });
    expect(survey.validate(row('x'.repeat(200)), 3)).toMatchObject({ respondent_id: 'x'.repeat(200) });
    expect(issues(survey.validate(row('x'.repeat(201)), 4))).toEqual([['respondent_id', expect.any(String)]]);
    expect(issues(survey.validate(row(''), 5))).toEqual([['respondent_id', 'required']]);
  });
});
