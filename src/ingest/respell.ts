// Population figures imported after the sources they weight: the districts stored before them are brought to
// their spelling, so a survey stored as `Sint Denijs` is counted in the population's `Sint-Denijs` and no
// district with respondents reads as having none (docs/methods.md, section 17.3).
import { compareNames, type DistrictSpelling } from '../districts.js';
import type { Store } from '../store/db.js';
import type { UnknownDistrict } from './outcome.js';
import { closestNames } from './values.js';

/** What bringing the stored districts to the population's spelling did, and what it could not place. */
export interface Respelled {
  /** Stored rows (respondents, interviews, signals) whose district is now spelled as the population spells it. */
  rows: number;
  /** Stored districts the population figures do not know, the most rows first (suggestions for the first few). */
  unknown: UnknownDistrict[];
  unknownCount: number;
}

const UNKNOWN_SHOWN = 10;

/** Tables whose rows carry a district in a plain column (the survey keeps its districts per chunk). */
const DISTRICT_TABLES = ['keyfigures', 'signals'] as const;

/** Renames every stored district the spelling places differently; inside the population batch's transaction. */
export function respellStored(store: Store, spelling: DistrictSpelling): Respelled {
  const db = store.db;
  const unplaced = new Map<string, number>();
  const note = (district: string, count: number) => unplaced.set(district, (unplaced.get(district) ?? 0) + count);

  let rows = respellSurvey(store, spelling, note);

  for (const table of DISTRICT_TABLES) {
    const counts = db.prepare(`SELECT district, COUNT(*) AS n FROM ${table} GROUP BY district`).all() as Array<{ district: string; n: number }>;
    const rename = db.prepare(`UPDATE ${table} SET district = ? WHERE district = ?`);
    for (const { district, n } of counts) {
      const canonical = spelling.canonical(district);
      if (canonical === null) note(district, n);
      else if (canonical !== district) rows += rename.run(canonical, district).changes;
    }
  }

  const sorted = [...unplaced.entries()].sort(([a, m], [b, n]) => n - m || compareNames(a, b));
  const unknown = sorted.slice(0, UNKNOWN_SHOWN).map(([district, count]) => ({ district, rows: count, suggestions: closestNames(district, spelling.known) }));
  return { rows, unknown, unknownCount: sorted.length };
}

/** The survey keeps each chunk's district names beside per-respondent codes: the names are renamed, the codes counted. */
function respellSurvey(store: Store, spelling: DistrictSpelling, note: (district: string, rows: number) => void): number {
  let renamed = 0;
  const chunks = store.db
    .prepare(
      `SELECT c.batch_id AS batch, c.wave, c.chunk, c.rows, c.districts, d.data FROM survey_chunks c
       JOIN survey_columns d ON d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk AND d.name = 'district'`,
    )
    .all() as Array<{ batch: number; wave: string; chunk: number; rows: number; districts: string; data: Buffer }>;
  const update = store.db.prepare('UPDATE survey_chunks SET districts = ? WHERE batch_id = ? AND wave = ? AND chunk = ?');
  for (const chunk of chunks) {
    const names = JSON.parse(chunk.districts) as string[];
    const perCode = new Array<number>(names.length).fill(0);
    // the codes as the survey sink wrote them: one unsigned 32-bit integer per respondent
    const codes = new Uint32Array(Uint8Array.from(chunk.data).buffer, 0, chunk.rows);
    for (const code of codes) perCode[code]++;
    let changed = false;
    const respelled = names.map((name, code) => {
      const canonical = spelling.canonical(name);
      if (canonical === null) note(name, perCode[code]);
      else if (canonical !== name) {
        renamed += perCode[code];
        changed = true;
        return canonical;
      }
      return name;
    });
    if (changed) update.run(JSON.stringify(respelled), chunk.batch, chunk.wave, chunk.chunk);
  }
  return renamed;
}
