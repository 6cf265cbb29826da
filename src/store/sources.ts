// Reading the other sources back: key-figure interviews, signals and monitor tables.
import type { Store } from './db.js';

export interface KeyFigureRow {
  interview: string;
  district: string;
  organisationType: string;
  theme: string;
  severity: number;
  trend: 'better' | 'same' | 'worse' | null;
}

export function keyFiguresFor(store: Store, wave: string): KeyFigureRow[] {
  return store.db
    .prepare(
      // Ordered by file content, then severity (the one value summed): what is summed comes in an order the files' content
      // defines, never the stored order (pseudonym order, whose key differs per store), so sums are reproducible.
      `SELECT k.interview, k.district, k.organisation_type AS organisationType, k.theme, k.severity, k.trend
       FROM keyfigures k JOIN batches b ON b.id = k.batch_id WHERE k.wave = ? ORDER BY k.district, k.theme, b.sha256, k.severity, k.rowid`,
    )
    .all(wave) as KeyFigureRow[];
}

export interface SignalRow {
  wave: string;
  date: string;
  district: string;
  theme: string;
  source: string;
  count: number;
}

/** Signals of the waves after `after` (exclusive; null = from the start) up to `upTo` (inclusive). */
export function signalsBetween(store: Store, after: string | null, upTo: string): SignalRow[] {
  return store.db
    .prepare(
      `SELECT wave, date, district, theme, source, count FROM signals
       WHERE wave <= ? AND (? IS NULL OR wave > ?) ORDER BY district, theme, source, date`,
    )
    .all(upTo, after, after) as SignalRow[];
}

export interface MonitorRow {
  wave: string;
  area: string;
  indicator: string;
  value: number;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
}

export function monitorRows(store: Store): MonitorRow[] {
  return store.db
    .prepare('SELECT wave, area, indicator, value, ci_low AS ciLow, ci_high AS ciHigh, n FROM monitor ORDER BY wave, area, indicator')
    .all() as MonitorRow[];
}
