// Reading the other sources back: key-figure interviews, signals and monitor tables. What both stores read is
// checked by the same functions: a value no import writes (a severity of 99, a count of 10^18, a share of 10^308)
// was written outside safety-scan, and is a damaged store (exit 5), never a figure in a report.
import { indicatorRange, type Codebook } from '../config/codebook.js';
import { isoDateSchema } from '../ingest/kinds/columns.js';
import { organisationTypeSchema } from '../ingest/kinds/keyfigures.js';
import { intervalIssue } from '../ingest/kinds/monitor.js';
import { SIGNAL_COUNT_LIMIT, sourceSchema } from '../ingest/kinds/signals.js';
import { personalCode } from '../ingest/privacy.js';
import type { Store } from './db.js';
import { damagedStore } from './failure.js';

/** The first row of `rows` that `ok` refuses, as a damaged store naming the table, the column and the value. */
function checked<T>(store: string, table: string, rows: T[], ok: (row: T) => string | null): T[] {
  for (const row of rows) {
    const bad = ok(row);
    if (bad !== null) throw damagedStore(store, `${table}: ${bad}`);
  }
  return rows;
}

const TRENDS = new Set(['better', 'same', 'worse', null]);

/**
 * A theme as every codebook names one (the configuration's identifier rule, src/config/config.ts; the built-in
 * themes too). Checked by its form, not against the codebook of this run: a theme imported under a codebook
 * that has changed since is still the store's own, but `Kerkstraat 12` never was any codebook's.
 */
const THEME_CODE = /^[a-z][a-z0-9_]*$/;

/**
 * A code column's value (a signal's source, a key figure's organisation type) as an import writes it: the
 * column's own form, and nothing the import's personal-data rule (`personalCode`) refuses, so a name or an
 * address put there outside safety-scan is never shown (adversarial run r12, 14).
 */
function storedCode(value: unknown, form: { safeParse(value: unknown): { success: boolean } }): boolean {
  return typeof value === 'string' && form.safeParse(value).success && !personalCode(value);
}

function storedTheme(theme: unknown): boolean {
  return typeof theme === 'string' && THEME_CODE.test(theme);
}

/**
 * Key figures as an import writes them: a severity 1-5, a trend or none, a theme a codebook can name and an
 * organisation type of the import's form. The value itself is never named: it may be the personal data.
 */
export function checkedKeyFigures(store: string, rows: KeyFigureRow[]): KeyFigureRow[] {
  return checked(store, 'keyfigures', rows, (row) => {
    if (!Number.isInteger(row.severity) || row.severity < 1 || row.severity > 5) return `severity ${String(row.severity)}`;
    if (!TRENDS.has(row.trend)) return `trend ${String(row.trend)}`;
    if (!storedTheme(row.theme)) return 'theme';
    return storedCode(row.organisationType, organisationTypeSchema) ? null : 'organisation_type';
  });
}

/**
 * Signals as an import writes them: a calendar date (by the import's own rule), a whole count from 1, a theme
 * a codebook can name and a source of the import's form. A theme or source is never named: it may be the personal data.
 */
export function checkedSignals(store: string, rows: SignalRow[]): SignalRow[] {
  return checked(store, 'signals', rows, (row) => {
    if (!isoDateSchema.safeParse(row.date).success) return `date ${String(row.date)}`;
    if (!Number.isInteger(row.count) || row.count < 1 || row.count > SIGNAL_COUNT_LIMIT) return `count ${String(row.count)}`;
    if (!storedTheme(row.theme)) return 'theme';
    return storedCode(row.source, sourceSchema) ? null : 'source';
  });
}

/**
 * Monitor results as an import writes them: finite numbers in the indicator's range (a table with one row per
 * result gives shares 0-1; one with a column per indicator gives a score or a grade on its own scale, so either
 * is allowed), answers a whole number. An indicator the codebook no longer defines is only checked to be finite.
 */
export function checkedMonitor(store: string, rows: MonitorRow[], codebook: Codebook): MonitorRow[] {
  const ranges = new Map<string, readonly [number, number]>();
  for (const definition of codebook.indicators) {
    const range = indicatorRange(definition, codebook);
    ranges.set(definition.id, range ? [Math.min(0, range[0]), Math.max(1, range[1])] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
  }
  return checked(store, 'monitor', rows, (row) => {
    const [low, high] = ranges.get(row.indicator) ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    const inRange = (value: number | null) => value === null || (typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high);
    if (!inRange(row.value) || row.value === null) return `value ${String(row.value)}`;
    if (!inRange(row.ciLow) || !inRange(row.ciHigh)) return `interval ${String(row.ciLow)}-${String(row.ciHigh)}`;
    // both bounds or none, the value between them: the import's own rule
    if (intervalIssue({ indicator: row.indicator, value: row.value, ci_low: row.ciLow ?? undefined, ci_high: row.ciHigh ?? undefined }, (bound) => bound)) {
      return `value ${String(row.value)}, interval ${String(row.ciLow)}-${String(row.ciHigh)}`;
    }
    return row.n === null || (Number.isInteger(row.n) && row.n >= 0) ? null : `n ${String(row.n)}`;
  });
}

export interface KeyFigureRow {
  interview: string;
  district: string;
  organisationType: string;
  theme: string;
  severity: number;
  trend: 'better' | 'same' | 'worse' | null;
}

export function keyFiguresFor(store: Store, wave: string): KeyFigureRow[] {
  const rows = store.db
    .prepare(
      // Ordered by file content, then severity (the one value summed): what is summed comes in an order the files' content
      // defines, never the stored order (pseudonym order, whose key differs per store), so sums are reproducible.
      `SELECT k.interview, k.district, k.organisation_type AS organisationType, k.theme, k.severity, k.trend
       FROM keyfigures k JOIN batches b ON b.id = k.batch_id WHERE k.wave = ? ORDER BY k.district, k.theme, b.sha256, k.severity, k.rowid`,
    )
    .all(wave) as KeyFigureRow[];
  return checkedKeyFigures(store.path, rows);
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
  const rows = store.db
    .prepare(
      `SELECT wave, date, district, theme, source, count FROM signals
       WHERE wave <= ? AND (? IS NULL OR wave > ?) ORDER BY district, theme, source, date, wave, batch_id, line`,
    )
    .all(upTo, after, after) as SignalRow[];
  return checkedSignals(store.path, rows);
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

/** The monitor results; a value outside its indicator's range in `codebook` is a damaged store. */
export function monitorRows(store: Store, codebook: Codebook): MonitorRow[] {
  const rows = store.db
    .prepare('SELECT wave, area, indicator, value, ci_low AS ciLow, ci_high AS ciHigh, n FROM monitor ORDER BY wave, area, indicator, batch_id, line')
    .all() as MonitorRow[];
  return checkedMonitor(store.path, rows, codebook);
}
