// Population figures imported after the sources they weight: the districts stored before them are brought to
// their spelling, so a survey stored as `Sint Denijs` is counted in the population's `Sint-Denijs` and no
// district with respondents reads as having none (docs/methods.md, section 18.3).
import { compareNames, type DistrictSpelling, unknownDistrict } from '../districts.js';
import { DISTRICT_TABLES } from '../store/districts.js';
import type { StoredDistricts } from '../store/write.js';
import type { Respelled } from './outcome.js';
import { closestNames } from './values.js';

const UNKNOWN_SHOWN = 10;

/** Renames every stored district the spelling places differently; inside the population batch's transaction. */
export async function respellStored(store: StoredDistricts, spelling: DistrictSpelling): Promise<Respelled> {
  let rows = 0;
  const unplaced = new Map<string, number>();
  const note = (district: string, count: number) => unplaced.set(district, (unplaced.get(district) ?? 0) + count);

  // The survey keeps each chunk's district names beside per-respondent codes: the names are renamed, the codes counted.
  for (const chunk of await store.surveyDistricts()) {
    const perCode = new Array<number>(chunk.names.length).fill(0);
    for (const code of chunk.codes) perCode[code]++;
    let changed = false;
    const respelled = chunk.names.map((name, code) => {
      const canonical = spelling.canonical(name);
      if (canonical === null) note(name, perCode[code]);
      else if (canonical !== name) {
        rows += perCode[code];
        changed = true;
        return canonical;
      }
      return name;
    });
    if (changed) await store.renameSurveyDistricts(chunk, respelled);
  }

  for (const table of DISTRICT_TABLES) {
    for (const { district, rows: count } of await store.districtRows(table)) {
      const canonical = spelling.canonical(district);
      if (canonical === null) note(district, count);
      else if (canonical !== district) rows += await store.renameDistrict(table, district, canonical);
    }
  }

  const sorted = [...unplaced.entries()].sort(([a, m], [b, n]) => n - m || compareNames(a, b));
  // a stored name the figures do not know may be an address or a name: shown only as a short code or a misspelling
  const unknown = sorted.slice(0, UNKNOWN_SHOWN).map(([district, count]) => {
    const suggestions = closestNames(district, spelling.known);
    return { district: unknownDistrict(district, suggestions), rows: count, suggestions };
  });
  return { rows, unknown, unknownCount: sorted.length };
}
