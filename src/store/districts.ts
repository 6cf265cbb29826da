// The districts stored with each source's rows, read and renamed in place: population figures imported after
// a survey, key figures or signals bring those rows to their spelling (src/ingest/respell.ts).
import type { Store } from './db.js';

/** One survey chunk's district names and, per respondent, the index of its name. */
export interface SurveyDistricts {
  batch: number;
  wave: string;
  chunk: number;
  names: string[];
  codes: Uint32Array;
}

export function surveyDistricts(store: Store): SurveyDistricts[] {
  const rows = store.db
    .prepare(
      `SELECT c.batch_id AS batch, c.wave, c.chunk, c.rows, c.districts, d.data FROM survey_chunks c
       JOIN survey_columns d ON d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk AND d.name = 'district'
       ORDER BY c.batch_id, c.wave, c.chunk`,
    )
    .all() as Array<{ batch: number; wave: string; chunk: number; rows: number; districts: string; data: Buffer }>;
  // the codes as the survey writer stores them: one unsigned 32-bit integer per respondent
  return rows.map((row) => ({ batch: row.batch, wave: row.wave, chunk: row.chunk, names: JSON.parse(row.districts) as string[], codes: new Uint32Array(Uint8Array.from(row.data).buffer, 0, row.rows) }));
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

/** Renames one district in a table; the number of rows renamed. */
export function renameDistrict(store: Store, table: DistrictTable, from: string, to: string): number {
  return store.db.prepare(`UPDATE ${table} SET district = ? WHERE district = ?`).run(to, from).changes;
}
