// Row tables for the small kinds (population, key figures, monitor): insert and find earlier copies.
import type { Store } from './db.js';
import type { AgeGroup } from '../ingest/values.js';

export interface StoredAt {
  batch: number;
  line: number;
}

export interface RowTable {
  /** An earlier stored row with the same identity in this wave, if any. */
  find(wave: string | null, row: Record<string, unknown>): StoredAt | null;
  insert(batchId: number, line: number, wave: string | null, row: Record<string, unknown>): void;
}

function found(value: unknown): StoredAt | null {
  if (!value) return null;
  const row = value as { batch_id: number; line: number };
  return { batch: row.batch_id, line: row.line };
}

export function populationTable(store: Store): RowTable {
  const insert = store.db.prepare(
    'INSERT INTO population (batch_id, line, wave, district, sex, age_group, age_min, age_max, population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const find = store.db.prepare(
    'SELECT batch_id, line FROM population WHERE wave IS ? AND district = ? AND sex = ? AND age_group = ? LIMIT 1',
  );
  return {
    find: (wave, row) => found(find.get(wave, row.district, row.sex, (row.age_group as AgeGroup).label)),
    insert: (batchId, line, wave, row) => {
      const group = row.age_group as AgeGroup;
      insert.run(batchId, line, wave, row.district, row.sex, group.label, group.min, group.max, row.population);
    },
  };
}

export function keyfiguresTable(store: Store): RowTable {
  const insert = store.db.prepare(
    'INSERT INTO keyfigures (batch_id, line, wave, interview, district, organisation_type, theme, severity, trend, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const find = store.db.prepare(
    'SELECT batch_id, line FROM keyfigures WHERE wave = ? AND interview = ? AND district = ? AND theme = ? LIMIT 1',
  );
  return {
    find: (wave, row) => found(find.get(wave, row.interview_id, row.district, row.theme)),
    insert: (batchId, line, wave, row) =>
      insert.run(batchId, line, wave, row.interview_id, row.district, row.organisation_type, row.theme, row.severity, row.trend ?? null, row.note ?? null),
  };
}

export function monitorTable(store: Store): RowTable {
  const insert = store.db.prepare(
    'INSERT INTO monitor (batch_id, line, wave, area, indicator, value, ci_low, ci_high, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const find = store.db.prepare('SELECT batch_id, line FROM monitor WHERE wave = ? AND area = ? AND indicator = ? LIMIT 1');
  return {
    find: (wave, row) => found(find.get(wave, row.area, row.indicator)),
    insert: (batchId, line, wave, row) =>
      insert.run(batchId, line, wave, row.area, row.indicator, row.value, row.ci_low ?? null, row.ci_high ?? null, row.n ?? null),
  };
}

/** Signals are counts: two rows alike are two occasions, so nothing is a duplicate. */
export function signalsTable(store: Store): RowTable {
  const insert = store.db.prepare('INSERT INTO signals (batch_id, line, wave, date, district, theme, source, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return {
    find: () => null,
    insert: (batchId, line, wave, row) => insert.run(batchId, line, wave, row.date, row.district, row.theme, row.source, row.count),
  };
}
