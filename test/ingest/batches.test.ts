// Batches: one per imported file, what --replace takes over, what forget removes, and rows per kind and wave.
import { afterAll, describe, expect, it } from 'vitest';
import { Batches } from '../../src/store/batches.js';
import type { Store } from '../../src/store/db.js';
import { SurveyWriter } from '../../src/store/survey.js';
import { populationInsert, signalsInsert } from '../../src/store/tables.js';
import { sqliteRows } from '../../src/store/write-sqlite.js';
import { Scratch } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

/** A survey batch with `rows` respondents in each of `waves`. */
function surveyBatch(store: Store, name: string, waves: Record<string, number>): number {
  const batches = new Batches(store);
  const id = batches.create('survey', name, `sha-${name}`, 'digest', '0.1.0', '2026-01-01T00:00:00.000Z');
  const writer = new SurveyWriter(sqliteRows(store), id, ['unsafe_freq']);
  let line = 2;
  for (const [wave, rows] of Object.entries(waves)) {
    for (let i = 0; i < rows; i++) writer.add({ wave, district: 'Oudegem', unsafe_freq: 1 }, { hi: id, lo: line++ });
  }
  writer.finish();
  const read = line - 2;
  batches.finish(id, Object.keys(waves).sort(), read, read, 0, {});
  return id;
}

function populationBatch(store: Store, name: string, wave: string | undefined, rows: number): number {
  const batches = new Batches(store);
  const id = batches.create('population', name, `sha-${name}`, 'digest', '0.1.0', '2026-01-01T00:00:00.000Z');
  const insert = populationInsert(store);
  for (let i = 0; i < rows; i++) insert(id, i + 2, { wave, district: `D${i}`, sex: 'M', age_group: { label: '15-29', min: 15, max: 29 }, population: 10 });
  batches.finish(id, [wave ?? '*'], rows, rows, 0, {});
  return id;
}

describe('Batches', () => {
  it('create a batch, finish it with its provenance, and list it', () => {
    const store = scratch.store('list.db');
    const batches = new Batches(store);
    const id = batches.create('signals', 'signals.csv', 'abc', 'digest', '0.1.0', '2026-11-28T16:52:03.117Z');
    signalsInsert(store)(id, 2, '2025', { date: '2025-01-21', district: 'Oudegem', theme: 'speeding', source: 'complaint', count: 1 });
    batches.finish(id, ['2025'], 3, 1, 2, { encoding: 'utf-8' });
    expect(batches.list()).toEqual([
      {
        id,
        kind: 'signals',
        file: 'signals.csv',
        sha256: 'abc',
        waves: ['2025'],
        rowsRead: 3,
        rowsStored: 1,
        rowsRejected: 2,
        rowsNow: 1,
        toolVersion: '0.1.0',
        importedAt: '2026-11-28T16:52:03.117Z',
        details: { encoding: 'utf-8' },
      },
    ]);
  });

  it('find the batch with the same kind, content and options', () => {
    const store = scratch.store('same.db');
    const batches = new Batches(store);
    const id = batches.create('monitor', 'm.csv', 'abc', 'digest', '0.1.0', 'now');
    expect(batches.findSame('monitor', ['abc'], 'digest')).toBe(id);
    expect(batches.findSame('monitor', ['xyz', 'abc'], 'digest')).toBe(id);
    expect(batches.findSame('monitor', ['abc'], 'other')).toBeNull();
    expect(batches.findSame('population', ['abc'], 'digest')).toBeNull();
  });

  it('take over waves for --replace: rows of other batches go, batches left empty go, the others keep their remaining waves', () => {
    const store = scratch.store('replace.db');
    const both = surveyBatch(store, 'both.csv', { 2023: 3, 2026: 2 });
    const only2026 = surveyBatch(store, 'only2026.csv', { 2026: 4 });
    const keep = surveyBatch(store, 'new.csv', { 2026: 1 });
    const batches = new Batches(store);
    expect(batches.replaceWaves('survey', ['2026'], keep)).toEqual({ rows: 6, batches: [only2026] });
    const listed = batches.list();
    expect(listed.map((batch) => [batch.id, batch.waves, batch.rowsStored, batch.rowsNow])).toEqual([
      [both, ['2023'], 5, 3],
      [keep, ['2026'], 1, 1],
    ]);
    expect(batches.counts().survey).toEqual({ 2023: 3, 2026: 1 });
  });

  it('take over figures without a wave as their own wave', () => {
    const store = scratch.store('replace-population.db');
    const everyWave = populationBatch(store, 'all.csv', undefined, 2);
    const wave2026 = populationBatch(store, '2026.csv', '2026', 1);
    const keep = populationBatch(store, 'new.csv', undefined, 3);
    const batches = new Batches(store);
    expect(batches.replaceWaves('population', ['*'], keep)).toEqual({ rows: 2, batches: [everyWave] });
    expect(batches.list().map((batch) => batch.id)).toEqual([wave2026, keep]);
    expect(batches.counts().population).toEqual({ '*': 3, 2026: 1 });
  });

  it('forget a batch with its rows, and nothing else', () => {
    const store = scratch.store('forget.db');
    const first = surveyBatch(store, 'a.csv', { 2026: 2 });
    const second = surveyBatch(store, 'b.csv', { 2026: 3 });
    const batches = new Batches(store);
    expect(batches.forget(first)).toBe(true);
    expect(batches.forget(first)).toBe(false);
    expect(batches.list().map((batch) => batch.id)).toEqual([second]);
    expect(batches.counts().survey).toEqual({ 2026: 3 });
    expect(store.db.prepare('SELECT COUNT(*) FROM survey_columns WHERE batch_id = ?').pluck().get(first)).toBe(0);
  });

  it('count rows per kind and wave, every kind present', () => {
    const store = scratch.store('counts.db');
    surveyBatch(store, 's.csv', { 2023: 2, 2026: 1 });
    populationBatch(store, 'p.csv', undefined, 4);
    expect(new Batches(store).counts()).toEqual({ survey: { 2023: 2, 2026: 1 }, keyfigures: {}, monitor: {}, population: { '*': 4 }, signals: {} });
  });
});
