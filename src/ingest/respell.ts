// Population figures imported after the sources they weight: the districts stored before them are brought to
// their spelling, so a survey stored as `Sint Denijs` is counted in the population's `Sint-Denijs` and no
// district with respondents reads as having none (docs/methods.md, section 18.3).
import { compareNames, type DistrictSpelling, unknownDistrict } from '../districts.js';
import { InputError } from '../errors.js';
import { message } from '../i18n/index.js';
import { DISTRICT_TABLES } from '../store/districts.js';
import type { BatchReads, KeyfigureKey, StoredDistricts } from '../store/write.js';
import type { Respelled } from './outcome.js';
import { closestNames } from './values.js';

const UNKNOWN_SHOWN = 10;

/**
 * Key figures stored before the population figures with a district in two spellings (`Noord`, `NOORD`) become one
 * district's: an interview's answer on a theme given twice there, which the duplicate check of an import refuses,
 * would be counted twice (adversarial run r35, F7). The population import stops (its transaction rolled back),
 * naming the district and the key-figure batches to forget and import again once the figures are stored.
 */
function refuseKeyfigureTwins(twins: ReadonlyArray<{ district: string; batch_id: number }>): void {
  const [first] = twins;
  if (first === undefined) return;
  const batches = [...new Set(twins.map((twin) => twin.batch_id))].sort((a, b) => a - b);
  throw new InputError(
    'population.respell_keyfigure_twins',
    { district: first.district, batches: batches.join(', '), batch_count: batches.length },
    { hint: message('hint.population_respell_keyfigure_twins', { commands: batches.map((batch) => `safety-scan forget ${batch}`).join(', ') }) },
  );
}

/**
 * The stored key figures' districts spelt as the population figures spell them, any identity then given twice
 * refused: after the import's respell (whose renamed rows spell alike already), and in a dry run before it.
 */
export function refuseRespelledTwins(keys: readonly KeyfigureKey[], spelling: DistrictSpelling): void {
  const seen = new Map<string, KeyfigureKey>();
  const twins: Array<{ district: string; batch_id: number }> = [];
  for (const key of keys) {
    const district = spelling.canonical(key.district) ?? key.district;
    const identity = [key.wave, key.interview, district, key.theme].join('\u0000');
    const first = seen.get(identity);
    if (first === undefined) seen.set(identity, key);
    else twins.push({ district, batch_id: first.batch_id }, { district, batch_id: key.batch_id });
  }
  refuseKeyfigureTwins(twins);
}

/** Renames every stored district the spelling places differently; inside the population batch's transaction. */
export async function respellStored(store: StoredDistricts & Pick<BatchReads, 'keyfigureKeys'>, spelling: DistrictSpelling): Promise<Respelled> {
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
  if (rows > 0) refuseRespelledTwins(await store.keyfigureKeys(), spelling);

  const sorted = [...unplaced.entries()].sort(([a, m], [b, n]) => n - m || compareNames(a, b));
  // a stored name the figures do not know may be an address or a name: shown only as a short code or a misspelling
  const unknown = sorted.slice(0, UNKNOWN_SHOWN).map(([district, count]) => {
    const suggestions = closestNames(district, spelling.known);
    return { district: unknownDistrict(district, suggestions), rows: count, suggestions };
  });
  return { rows, unknown, unknownCount: sorted.length };
}
