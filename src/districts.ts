// District names: the one order they are listed in, the one key two spellings of a district share, and the
// population figures' spelling as the one every source is stored under.
import { closestPhrase, type Phrase, phrase } from './i18n/index.js';
import { formatCount } from './render/numbers.js';
import { isShortCode, personalDistrict, refusedCell, WITHHELD } from './ingest/privacy.js';
import { closestNames, editDistance, fold, normaliseName } from './ingest/values.js';
import { shownName } from './shown-name.js';

/** A stable, machine-independent order: accents and case folded, then code points (no locale data involved). */
export function compareNames(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Districts in that order, the whole area (null) after them. */
export function compareDistricts(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareNames(a, b);
}

/**
 * Characters that print as nothing: zero-width spaces and joiners, bidi controls, the soft hyphen, a stray BOM, and
 * every other default-ignorable character (Hangul fillers, variation selectors, the grapheme joiner) and the blank
 * Braille pattern (adversarial run r23b: `Noord\u3164` printed as `Noord` and was another district); and every
 * format character (`\p{Cf}`: the interlinear annotation marks U+FFF9 to U+FFFB, which are not default-ignorable,
 * made `Sint-Denijs\ufffa` another district: adversarial run r28, item 9), as the personal-data rules read them.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** A name as it is stored: normalised, and without characters that would make two names print alike. */
export function cleanName(name: string): string {
  return normaliseName(name.replace(INVISIBLE, ''));
}

/** What two spellings of one district share: `Sint Denijs`, `sint-denijs`, `SINT DENIJS`, `Sint‑Denijs`. */
export function districtKey(name: string): string {
  return fold(name.replace(INVISIBLE, '')).replace(/[\s\-\u2010-\u2015'`´]/g, '');
}

/** The store's spelling of a district: exact after normalisation first, else the one that shares its key. */
export function matchDistrict(name: string, districts: readonly string[]): string | null {
  const wanted = cleanName(name);
  const exact = districts.find((district) => cleanName(district) === wanted);
  if (exact !== undefined) return exact;
  const key = districtKey(name);
  const loose = districts.filter((district) => districtKey(district) === key);
  return loose.length === 1 ? loose[0] : null;
}

/** Districts listed in a message: a store can hold 5,000 (the bench's stress case), so after the first 20 the rest are counted. */
const DISTRICTS_LISTED = 20;

/** The districts a message offers to choose from, the first DISTRICTS_LISTED by name and the rest counted (`-` for none). */
export function listedDistricts(districts: readonly string[]): Phrase {
  if (districts.length === 0) return { render: () => '-' };
  const shown = districts.slice(0, DISTRICTS_LISTED).join(', ');
  const more = districts.length - DISTRICTS_LISTED;
  return { render: (t) => (more > 0 ? `${shown} ${t('text.and_more', { count: formatCount(more, t) })}` : shown) };
}

/**
 * What to add when a district name matched none: the districts it differs from only in case, accents or
 * hyphens when there are several (matchDistrict chose none of them), else the nearest names.
 */
export function closestDistricts(name: string, districts: readonly string[]): Phrase {
  const key = districtKey(name);
  const alike = districts.filter((district) => districtKey(district) === key);
  if (alike.length > 1) return phrase('text.spelled_alike', { names: alike.map((district) => `\`${district}\``).join(', ') });
  return closestPhrase(closestNames(name, districts));
}

/**
 * The population figures' spelling of the districts, the canonical one: a file's name that differs from it only
 * in case, accents, hyphens, apostrophes, spaces or invisible characters is stored in that spelling, and
 * `districts:` renames (the configuration's and a mapping's) map any other spelling to it.
 */
export class DistrictSpelling {
  private readonly byKey = new Map<string, string | null>();
  private readonly exact: Set<string>;
  private readonly renames: Map<string, string>;
  /** Population figures only: the spelling this file first wrote of each district the stored figures do not know. */
  private readonly learned = new Map<string, string>();

  /**
   * @param learns true for population figures: a name no stored figures know is spelt, for the rest of the file, as
   * the file first wrote it, so `OUDEGEM` on line 40 joins the `Oudegem` of line 2 and one place never becomes two
   * districts within one file, as it does not across files (adversarial run r31, A2).
   */
  constructor(
    readonly known: readonly string[],
    renames: Readonly<Record<string, string>> = {},
    private readonly learns = false,
  ) {
    this.exact = new Set(known);
    for (const name of known) {
      const key = districtKey(name);
      // Two known names with one key (both spellings in the population file): only exact matches then.
      this.byKey.set(key, this.byKey.has(key) ? null : name);
    }
    this.renames = new Map(Object.entries(renames).map(([from, to]) => [districtKey(from), cleanName(to)]));
  }

  /** The known spelling of a name, or null when the population figures do not know it. */
  canonical(name: string): string | null {
    const renamed = this.renames.get(districtKey(name));
    const wanted = cleanName(renamed ?? name);
    if (this.exact.has(wanted)) return wanted;
    return this.byKey.get(districtKey(wanted)) ?? this.learned.get(districtKey(wanted)) ?? null;
  }

  /** True when stored population figures know the name: a name this file wrote first is not known that way. */
  isStored(name: string): boolean {
    const wanted = cleanName(this.renames.get(districtKey(name)) ?? name);
    return this.exact.has(wanted) || (this.byKey.get(districtKey(wanted)) ?? null) !== null;
  }

  /** The names this file wrote first (learning spellings only): those no stored name spells, in the file's spelling. */
  learnedNames(): string[] {
    return [...this.learned.values()];
  }

  /** The name a row is stored under: the known spelling, else the name itself (cleaned, and renamed if asked). */
  spell(name: string): string {
    const found = this.canonical(name);
    if (found !== null) return found;
    const spelt = cleanName(this.renames.get(districtKey(name)) ?? name);
    if (this.learns) this.learned.set(districtKey(spelt), spelt);
    return spelt;
  }
}

/** Edits (case and accents aside) by which a name may differ from a known district and still read as its misspelling. */
const MISSPELT_EDITS = 2;

/** True when `name` is a known district's name misspelt: within MISSPELT_EDITS of one of at least 5 letters. */
function misspelt(name: string, known: string): boolean {
  const folded = fold(known);
  return folded.length >= 5 && editDistance(fold(name), folded, MISSPELT_EDITS) <= MISSPELT_EDITS;
}

/**
 * Names that are no district but read as one misspelt (`Oudegm` for `Oudegem`, by `misspelt`'s rule), each with
 * the district, at most `limit` of them. A monitor's area that names no district benchmarks every district, so a
 * misspelt district would compare each district with that one district's figures without a word (adversarial
 * run r36, A1). Names whose length differs from a district's by more than the edits allowed are never compared.
 */
export function misspeltDistricts(names: readonly string[], districts: readonly string[], limit: number): Array<{ name: string; district: string }> {
  const found: Array<{ name: string; district: string }> = [];
  const known = districts.map((district) => ({ district, length: fold(district).length }));
  for (const name of names) {
    const length = fold(name).length;
    const district = known.find((candidate) => Math.abs(candidate.length - length) <= MISSPELT_EDITS && misspelt(name, candidate.district))?.district;
    if (district !== undefined) found.push({ name, district });
    if (found.length === limit) break;
  }
  return found;
}

/**
 * A district name from the data that the configured districts (the population figures) do not know, as every
 * message shows it. A district column may hold addresses or names, so the name is shown only when it is a
 * short code (the rule of a refused cell, src/ingest/privacy.ts) or a misspelling of one of the `suggestions`
 * (known districts: `Oudgem` for `Oudegem`, which names nothing but that district), else as `***`.
 */
export function unknownDistrict(name: string, suggestions: readonly string[] = []): string {
  // a name that looks like personal data is refused at import (src/ingest/cells.ts); never shown, misspelt or not
  if (personalDistrict(name)) return WITHHELD;
  // a district is a place: a short code (`W12`, `x9`) names no one, as known labels and numbers do not either
  if (isShortCode(name) || refusedCell(name) === name) return name;
  return suggestions.some((known) => misspelt(name, known)) ? shownName(name) : WITHHELD;
}

/**
 * A district name the user wrote (on the command line, in a goals file, as a feedback file's name) that the
 * store does not know: the user's own words, shown as written but on one line and shortened (`shownName`);
 * control characters are escaped where every message is written. A name a district's cell would refuse as
 * personal data (`personalDistrict`: an e-mail address, a street address, `Dhr. J. Peeters`) is WITHHELD.
 */
export function givenDistrict(name: string): string {
  return personalDistrict(name) ? WITHHELD : shownName(name);
}
