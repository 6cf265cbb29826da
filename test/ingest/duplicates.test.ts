// Duplicates within a wave: in the file, against what earlier batches stored, and not against them with --replace.
import { afterAll, describe, expect, it } from 'vitest';
import { duplicateCheck } from '../../src/ingest/duplicates.js';
import { handlerFor } from '../../src/ingest/kinds/index.js';
import type { Row } from '../../src/ingest/kinds/handler.js';
import { pseudonymText } from '../../src/ingest/privacy.js';
import { Batches } from '../../src/store/batches.js';
import { SurveyWriter } from '../../src/store/survey.js';
import { populationInsert } from '../../src/store/population.js';
import { keyfiguresInsert, monitorInsert, signalsInsert } from '../../src/store/tables.js';
import { sqliteRows, sqliteStored } from '../../src/store/write-sqlite.js';
import { Scratch } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const respondent = (wave: string, district = 'Oudegem'): Row<'survey'> => ({ respondent_id: 'raw id', wave, district, unsafe_freq: 2 });
const keyFigure = (theme: string, district = 'Oudegem'): Row<'keyfigures'> => ({
  interview_id: 'raw id',
  wave: '2026',
  district,
  organisation_type: 'school',
  theme,
  severity: 3,
});
const group = { label: '15-29', min: 15, max: 29 };
const figure = (wave?: string): Row<'population'> => ({ wave, district: 'Oudegem', sex: 'F', age_group: { band: '15-29', ages: { min: 15, max: 29 }, fits: group }, population: 10 });
const result = (indicator: string, area = 'Belgium') => ({ wave: '2021', area, indicator, value: 0.3 });

describe('survey respondents, by pseudonym', () => {
  const store = scratch.store('survey.db');
  const batch = new Batches(store).create('survey', 'earlier.csv', 'sha', 'digest', '0.1.0', 'now');
  const writer = new SurveyWriter(sqliteRows(store), batch, ['unsafe_freq']);
  writer.add(respondent('2026'), { hi: 1, lo: 2 });
  writer.finish();
  const handler = handlerFor('survey');

  it('point a repeated pseudonym of the same wave at its first line in the file', () => {
    const check = duplicateCheck(handler, null);
    expect(check.earlier(respondent('2026'), 2, { hi: 5, lo: 6 })).toBeNull();
    expect(check.earlier(respondent('2023'), 3, { hi: 5, lo: 6 })).toBeNull();
    expect(check.earlier(respondent('2026'), 4, { hi: 5, lo: 7 })).toBeNull();
    expect(check.earlier(respondent('2026', 'Baasrode'), 5, { hi: 5, lo: 6 })).toEqual({ line: 2 });
  });

  it('point a pseudonym stored by an earlier batch at that batch (no line is kept beside a pseudonym)', () => {
    const check = duplicateCheck(handler, sqliteStored(store));
    expect(check.earlier(respondent('2026'), 2, { hi: 1, lo: 2 })).toEqual({ batch });
    expect(check.earlier(respondent('2023'), 3, { hi: 1, lo: 2 })).toBeNull();
  });

  it('leave what is stored out with --replace (no store to look in)', () => {
    expect(duplicateCheck(handler, null).earlier(respondent('2026'), 2, { hi: 1, lo: 2 })).toBeNull();
  });
});

describe('rows identified by columns', () => {
  const store = scratch.store('rows.db');
  const batches = new Batches(store);

  it('key figures: the same interview, district and theme once per wave, the interview by its pseudonym', () => {
    const batch = batches.create('keyfigures', 'k.csv', 'sha', 'digest', '0.1.0', 'now');
    keyfiguresInsert(store)(batch, keyFigure('drugs'), pseudonymText(1, 2));
    const handler = handlerFor('keyfigures');
    const check = duplicateCheck(handler, sqliteStored(store));
    expect(check.earlier(keyFigure('speeding'), 2, { hi: 3, lo: 4 })).toBeNull();
    expect(check.earlier(keyFigure('speeding', 'Baasrode'), 3, { hi: 3, lo: 4 })).toBeNull();
    expect(check.earlier(keyFigure('speeding'), 4, { hi: 3, lo: 4 })).toEqual({ line: 2 });
    expect(check.earlier(keyFigure('drugs'), 5, { hi: 1, lo: 2 })).toEqual({ batch });
    expect(duplicateCheck(handler, null).earlier(keyFigure('drugs'), 5, { hi: 1, lo: 2 })).toBeNull();
  });

  it('monitor results: one per area and indicator', () => {
    const batch = batches.create('monitor', 'm.csv', 'sha', 'digest', '0.1.0', 'now');
    monitorInsert(store)(batch, 3, result('unsafe_often'));
    const check = duplicateCheck(handlerFor('monitor'), sqliteStored(store));
    expect(check.earlier(result('unsafe_often'), 2, null)).toEqual({ batch });
    expect(check.earlier(result('unsafe_general'), 3, null)).toBeNull();
    expect(check.earlier(result('unsafe_general'), 4, null)).toEqual({ line: 3 });
    expect(check.earlier(result('unsafe_general', 'Flanders'), 5, null)).toBeNull();
  });

  it('population figures: one per district, sex and age group across batches, figures without a wave apart from those with one; rows of one file add up', () => {
    const batch = batches.create('population', 'p.csv', 'sha', 'digest', '0.1.0', 'now');
    populationInsert(store)(batch, 4, { district: 'Oudegem', sex: 'F', ageGroup: group, population: 10 });
    const check = duplicateCheck(handlerFor('population'), sqliteStored(store));
    expect(check.earlier(figure(), 2, null)).toEqual({ batch });
    expect(check.earlier(figure(), 3, null)).toEqual({ batch });
    expect(check.earlier(figure('2026'), 4, null)).toBeNull();
    expect(check.earlier(figure('2026'), 5, null)).toBeNull();
  });

  it('signals: never refused, two alike are two occasions; each stored row alike is counted once, against its batch', () => {
    const signal: Row<'signals'> = { date: '2026-01-02', district: 'Oudegem', theme: 'speeding', source: 'complaint', count: 1, wave: '2026' };
    const insert = signalsInsert(store);
    const first = batches.create('signals', 's.csv', 'sha', 'digest', '0.1.0', 'now');
    insert(first, 2, '2026', signal);
    const second = batches.create('signals', 't.csv', 'sha', 'digest', '0.1.0', 'now');
    insert(second, 2, '2026', signal);
    insert(second, 3, '2026', { ...signal, count: 2 });
    const check = duplicateCheck(handlerFor('signals'), sqliteStored(store));
    for (let line = 2; line < 6; line++) expect(check.earlier(signal, line, null)).toBeNull();
    expect(check.earlier({ ...signal, wave: '2025' }, 6, null)).toBeNull();
    expect(check.earlier({ ...signal, source: 'police_cafe' }, 7, null)).toBeNull();
    expect([...check.shared()]).toEqual([[first, 1], [second, 1]]);
    expect(duplicateCheck(handlerFor('signals'), null).earlier(signal, 2, null)).toBeNull();
    expect(duplicateCheck(handlerFor('signals'), null).shared().size).toBe(0);
  });
});

describe('the cost of the stored-copy lookups', () => {
  // Without an index each lookup scanned its table, so a file's rows were checked against every row stored
  // before them: a 40,000-row population file took minutes. The plans must search an index.
  it.each([
    ['population', 'SELECT batch_id FROM population WHERE wave IS ? AND district = ? AND sex = ? AND age_group = ? LIMIT 1', 'population_identity'],
    ['keyfigures', 'SELECT batch_id FROM keyfigures WHERE wave = ? AND interview = ? AND district = ? AND theme = ? LIMIT 1', 'keyfigures_identity'],
    ['monitor', 'SELECT batch_id FROM monitor WHERE wave = ? AND area = ? AND indicator = ? LIMIT 1', 'monitor_identity'],
  ])('%s rows are looked up through an index', (_, sql, index) => {
    const store = scratch.store(`plan-${index}.db`);
    const values = Array.from({ length: sql.split('?').length - 1 }, (_, i) => `value ${i}`);
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(new RegExp(`USING INDEX ${index}`));
  });
});
