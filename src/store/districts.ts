// The districts stored with each source's rows, read and renamed in place: population figures imported after
// a survey, key figures or signals bring those rows to their spelling (src/ingest/respell.ts).
import { StoreError } from '../errors.js';
import type { Store } from './db.js';
import { damagedStore, storedCount, storedNames } from './failure.js';

/** One survey chunk's district names and, per respondent, the index of its name. */
export interface SurveyDistricts {
  batch: number;
  wave: string;
  chunk: number;
  names: string[];
  codes: Uint32Array;
}

/** One survey chunk's row as a store holds it: the chunk's districts as JSON, its `district` column as a blob. */
export interface StoredChunkDistricts {
  batch: number;
  wave: string;
  chunk: number;
  rows: unknown;
  districts: unknown;
  data: unknown;
}

/**
 * A chunk's districts read through the store's checked readers, in either store (adversarial run r24, F2): names
 * that are not a JSON list of texts, a `district` column that is missing, of another length than the chunk's
 * rows, or holding a code past its names, are a damaged store (exit 5), never a crash or a memory error.
 */
export function checkedSurveyDistricts(storeName: string, row: StoredChunkDistricts): SurveyDistricts {
  const where = `batch ${row.batch}, wave ${row.wave}`;
  const rows = storedCount(storeName, `${where}, survey_chunks.rows`, row.rows);
  const names = storedNames(storeName, `${where}, survey_chunks.districts`, row.districts);
  if (row.data === null || row.data === undefined) {
    throw new StoreError('store.damaged_column', { store: storeName, column: 'district', batch: row.batch, wave: row.wave, chunk: row.chunk });
  }
  // the codes as the survey writer stores them: one unsigned 32-bit integer per respondent
  if (!Buffer.isBuffer(row.data) || row.data.length !== rows * Uint32Array.BYTES_PER_ELEMENT) throw damagedStore(storeName, `${where}, column district`);
  const codes = new Uint32Array(rows);
  new Uint8Array(codes.buffer).set(row.data);
  if (codes.some((code) => code >= names.length)) throw damagedStore(storeName, `${where}, column district`);
  return { batch: row.batch, wave: row.wave, chunk: row.chunk, names, codes };
}

export function surveyDistricts(store: Store): SurveyDistricts[] {
  const rows = store.db
    .prepare(
      `SELECT c.batch_id AS batch, c.wave, c.chunk, c.rows, c.districts, d.data FROM survey_chunks c
       LEFT JOIN survey_columns d ON d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk AND d.name = 'district'
       ORDER BY c.batch_id, c.wave, c.chunk`,
    )
    .all() as StoredChunkDistricts[];
  return rows.map((row) => checkedSurveyDistricts(store.path, row));
}

export function renameSurveyDistricts(store: Store, chunk: SurveyDistricts, names: readonly string[]): void {
  store.db.prepare('UPDATE survey_chunks SET districts = ? WHERE batch_id = ? AND wave = ? AND chunk = ?').run(JSON.stringify(names), chunk.batch, chunk.wave, chunk.chunk);
}

/** Sources whose rows carry their district in a column of its own. */
export const DISTRICT_TABLES = ['keyfigures', 'signals'] as const;
export type DistrictTable = (typeof DISTRICT_TABLES)[number];

export function districtRows(store: Store, table: DistrictTable): Array<{ district: string; rows: number }> {
  return store.db.prepare(`SELECT district, COUNT(*) AS rows FROM ${table} GROUP BY district ORDER BY district`).all() as Array<{ district: string; rows: number }>;
}

/** The stored key figures' identities and batches (BatchReads.keyfigureKeys), for both engines. */
export const KEYFIGURE_KEYS = 'SELECT wave, interview, district, theme, batch_id FROM keyfigures ORDER BY batch_id';

/** Renames one district in a table; the number of rows renamed. */
export function renameDistrict(store: Store, table: DistrictTable, from: string, to: string): number {
  return store.db.prepare(`UPDATE ${table} SET district = ? WHERE district = ?`).run(to, from).changes;
}
