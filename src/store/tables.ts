// Row tables for the small kinds (population, key figures, monitor, signals): insert rows, find earlier copies.
// Each function prepares its one statement; the row types are what the import's row schemas output.
import type { Store } from './db.js';
import type { AgeGroup } from '../ingest/values.js';

/** Where a stored copy is: its batch, and its line where one is kept (never beside a pseudonym). */
export type StoredAt = { batch: number; line?: undefined };

function found(value: unknown): StoredAt | null {
  if (!value) return null;
  return { batch: (value as { batch_id: number }).batch_id };
}

export interface PopulationFigure {
  wave?: string;
  district: string;
  sex: string;
  age_group: AgeGroup;
  population: number;
}

export function populationInsert(store: Store): (batch: number, line: number, row: PopulationFigure) => void {
  const insert = store.db.prepare(
    'INSERT INTO population (batch_id, line, wave, district, sex, age_group, age_min, age_max, population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (batch, line, row) => {
    const group = row.age_group;
    insert.run(batch, line, row.wave ?? null, row.district, row.sex, group.label, group.min, group.max, row.population);
  };
}

/** The stored figure for the same district, sex and age group in the same wave (or in none). */
export function populationLookup(store: Store): (row: PopulationFigure) => StoredAt | null {
  const find = store.db.prepare('SELECT batch_id FROM population WHERE wave IS ? AND district = ? AND sex = ? AND age_group = ? LIMIT 1');
  return (row) => found(find.get(row.wave ?? null, row.district, row.sex, row.age_group.label));
}

export interface KeyFigure {
  wave: string;
  district: string;
  organisation_type: string;
  theme: string;
  severity: number;
  trend?: string;
}

/** `interview` is the interview id's pseudonym: the id itself is never stored. */
export function keyfiguresInsert(store: Store): (batch: number, row: KeyFigure, interview: string) => void {
  const insert = store.db.prepare(
    'INSERT INTO keyfigures (batch_id, wave, interview, district, organisation_type, theme, severity, trend) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (batch, row, interview) =>
    insert.run(batch, row.wave, interview, row.district, row.organisation_type, row.theme, row.severity, row.trend ?? null);
}

/** The stored answer of the same interview about the same district and theme in the same wave. */
export function keyfiguresLookup(store: Store): (row: KeyFigure, interview: string) => StoredAt | null {
  const find = store.db.prepare('SELECT batch_id FROM keyfigures WHERE wave = ? AND interview = ? AND district = ? AND theme = ? LIMIT 1');
  return (row, interview) => found(find.get(row.wave, interview, row.district, row.theme));
}

export interface MonitorResult {
  wave: string;
  area: string;
  indicator: string;
  value: number;
  ci_low?: number;
  ci_high?: number;
  n?: number;
}

export function monitorInsert(store: Store): (batch: number, line: number, row: MonitorResult) => void {
  const insert = store.db.prepare('INSERT INTO monitor (batch_id, line, wave, area, indicator, value, ci_low, ci_high, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (batch, line, row) => insert.run(batch, line, row.wave, row.area, row.indicator, row.value, row.ci_low ?? null, row.ci_high ?? null, row.n ?? null);
}

/** The stored result for the same area and indicator in the same wave. */
export function monitorLookup(store: Store): (row: MonitorResult) => StoredAt | null {
  const find = store.db.prepare('SELECT batch_id FROM monitor WHERE wave = ? AND area = ? AND indicator = ? LIMIT 1');
  return (row) => found(find.get(row.wave, row.area, row.indicator));
}

export interface Signal {
  date: string;
  district: string;
  theme: string;
  source: string;
  count: number;
}

/**
 * A signal as the overlap check compares it (date, district, theme, source and count; the wave is where it is
 * looked up): two rows of one file alike are two occasions, but a file whose rows are mostly stored already is a
 * new export of an earlier batch (src/ingest/duplicates.ts; docs/methods.md, section 18.5).
 */
export function signalKey(row: Signal): string {
  return `${row.date}\u0000${row.district}\u0000${row.theme}\u0000${row.source}\u0000${row.count}`;
}

/** A wave's stored signals by `signalKey`: the batch of each stored row alike, in batch and line order. */
export type StoredSignals = ReadonlyMap<string, readonly number[]>;

/** Collects stored signal rows (in batch and line order) into `StoredSignals`. */
export function storedSignals(rows: Iterable<Signal & { batch_id: number }>): StoredSignals {
  const found = new Map<string, number[]>();
  for (const row of rows) {
    const key = signalKey(row);
    const batches = found.get(key);
    if (batches) batches.push(row.batch_id);
    else found.set(key, [row.batch_id]);
  }
  return found;
}

/** A wave's stored signals, read when the import meets its first row of that wave (before any of its own is written). */
export function signalsStored(store: Store): (wave: string) => StoredSignals {
  const select = store.db.prepare('SELECT batch_id, date, district, theme, source, count FROM signals WHERE wave = ? ORDER BY batch_id, line');
  return (wave) => storedSignals(select.iterate(wave) as Iterable<Signal & { batch_id: number }>);
}

export function signalsInsert(store: Store): (batch: number, line: number, wave: string, row: Signal) => void {
  const insert = store.db.prepare('INSERT INTO signals (batch_id, line, wave, date, district, theme, source, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return (batch, line, wave, row) => insert.run(batch, line, wave, row.date, row.district, row.theme, row.source, row.count);
}
