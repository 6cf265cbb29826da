// Canonical columns: what each column of a layout holds, and the cell schemas several kinds share.
import { z } from 'zod';
import type { CodebookItem } from '../../config/codebook.js';
import { districtKey } from '../../districts.js';
import { en } from '../../i18n/en.js';
import { fr } from '../../i18n/fr.js';
import { nl } from '../../i18n/nl.js';
import { asLatinLookalikes } from '../name-characters.js';
import { isWrittenDate } from '../privacy.js';
import { fold, parseDate } from '../values.js';

export type ColumnType =
  | 'id'
  | 'wave'
  | 'district'
  | 'text'
  | 'note'
  | 'sex'
  | 'age'
  | 'age_group'
  | 'count'
  | 'weight'
  | 'item'
  | 'theme'
  | 'severity'
  | 'trend'
  | 'proportion'
  | 'indicator'
  | 'date';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** The column must be in the file (or given as a constant). */
  required: boolean;
  item?: CodebookItem;
  /** The allowed values, listed in messages when a row has another one. */
  choices?: readonly string[];
  /** The largest plausible value of a count, named in messages when a row has more. */
  max?: number;
  /** The smallest value of a count when it is not 0 (a signal counts at least one occasion). */
  min?: number;
  /** A code a message gives as an example of this column's codes (`youth_work`); `police_cafe` when none. */
  example?: string;
  /**
   * The codes a code column takes, by key (src/ingest/kinds/partner-codes.ts), and the `codebook:` key of the
   * configuration that declares more: any other code is refused as not declared.
   */
  codes?: { byKey: ReadonlyMap<string, string>; builtIn: readonly string[]; declaredIn: 'organisation_types' | 'signal_sources' };
  /** The canonical column whose `units:` entry also applies here (a wide table's share columns follow `value`). */
  unitsOf?: string;
  /**
   * When set, `units: percent` applies only to the rows for which this holds (a long monitor table's `value`
   * holds a share, a score or a mean by its row's `indicator`); the cell's schema judges the number as written.
   */
  percentFor?: (cell: (name: string) => unknown) => boolean;
  /**
   * An empty cell means every value (a population margin or total): a word for "unknown" (`Onbekend`, `N/A`)
   * is then no empty cell but a value the column refuses, never read as a margin.
   */
  emptyIsAll?: true;
  /**
   * A column the file may leave out, but whose every cell must be filled when the file has it: a wide population
   * table's counts, where an empty or suppressed figure (CBS's `.`) would leave a margin short or make a count of
   * every age pass for one of the configured ages.
   */
  filled?: true;
}

export function column(name: string, type: ColumnType, required = true, choices?: readonly string[]): ColumnSpec {
  return choices ? { name, type, required, choices } : { name, type, required };
}

function contiguous(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value === values[index - 1] + 1);
}

/** An answer column's cell: one of its item's codes, or empty. */
export function answerSchema(item: CodebookItem) {
  const lo = item.values[0];
  const hi = item.values[item.values.length - 1];
  const base = z.number().int().min(lo).max(hi);
  const allowed = new Set(item.values);
  return (contiguous(item.values) ? base : base.refine((value) => allowed.has(value))).optional();
}

export const WAVE_PATTERN = /^\d{4}$/;
export const waveSchema = z.string().regex(WAVE_PATTERN);

/**
 * A name as it prints, for telling look-alikes apart: full-width and other compatibility forms as their plain
 * letters (`Ｗhole area`), Cyrillic and Greek letters that look Latin as those (`Whоle аrеа`, wholly Cyrillic
 * in its second word), then only letters and digits (`Whole_area`, `Whole area.`).
 */
const printedKey = (name: string): string => districtKey(asLatinLookalikes(name.normalize('NFKC'))).replace(/[^\p{L}\p{N}]/gu, '');

/** True when two names print alike (printedKey): a district named as the configured zone would print as the zone. */
export function printsAs(name: string, other: string): boolean {
  return printedKey(name) === printedKey(other);
}
/**
 * The names outputs give the whole area as a row, in each language: tables, charts and `check` (`Whole area`) and
 * `plan` (`Whole zone (as one area)`). A district may not be called that, or anything that prints like it (it
 * would print as the zone: `plan` would show two identical rows).
 */
const WHOLE_AREA_LABELS = ['indicators.whole_area', 'plan.zone'] as const;
const WHOLE_AREA = new Set([en, nl, fr].flatMap((catalogue) => WHOLE_AREA_LABELS.map((key) => printedKey(catalogue[key]))));
/**
 * What published tables call the sum of their districts, in the languages they come in (Statbel's and CBS's
 * `Totaal`, `Total`, a municipality's `Alle wijken`): a row so named is a total, never one more district. Judged
 * by its words (`totalName`); these few are totals on their own as well.
 */
const TOTAL_ALONE = new Set(['all', 'alle', 'allemaal', 'tous', 'toutes', 'overall']);
/**
 * Words that name a sum or an average of the districts, folded: a name of these and the words below is a total
 * (`Totaal zone`, `Subtotaal`, `Sum`, `Gemiddelde`, `Moyenne de la zone`, `Zone average`).
 */
const SUM_WORDS = new Set([
  'total', 'totals', 'totale', 'totaal', 'totalen', 'subtotaal', 'subtotalen', 'subtotal', 'subtotals', 'eindtotaal', 'totaux',
  'som', 'sum', 'samen', 'ensemble', 'gesamt', 'insgesamt', 'summe', 'gesamtsumme', 'zwischensumme',
  'gemiddelde', 'gemiddeld', 'gemiddelden', 'average', 'averages', 'mean', 'moyenne', 'moyennes', 'durchschnitt', 'mittelwert',
]);
/** Words that say "all of it", folded: with an area word a total (`Gehele zone`, `Hele gebied`, `Zone entière`, `Alle wijken`). */
const WHOLE_WORDS = new Set([
  'all', 'alle', 'allemaal', 'tous', 'toutes', 'tout', 'toute', 'hele', 'heel', 'gehele', 'geheel', 'volledige', 'whole', 'entire',
  'complete', 'overall', 'entiere', 'entier', 'ganze', 'ganzes', 'gesamte', 'gans', 'ganse', 'gansche', 'volledig', 'globaal', 'globale',
  'global',
]);
/** Words that name the whole area or all its parts, folded: a total only beside a word above (`Zone Nord` is a place). */
const AREA_WORDS = new Set([
  'zone', 'zones', 'politiezone', 'gebied', 'grondgebied', 'gemeente', 'gemeenten', 'deelgemeenten', 'stad', 'regio', 'wijken', 'buurten',
  'sectoren', 'area', 'areas', 'municipality', 'city', 'region', 'districts', 'neighbourhoods', 'neighborhoods', 'sectors', 'commune',
  'communes', 'ville', 'territoire', 'quartiers', 'secteurs', 'gemeinde', 'stadt', 'gebiet', 'bezirke', 'stadtteile',
]);
/** Words that change nothing in a total's name, folded (articles, "of", "and", `grand`, `général`); numbers too (`Totaal 2024`). */
const TOTAL_FILLERS = new Set([
  'de', 'het', 't', 'van', 'der', 'den', 'en', 'in', 'op', 'eind', 'the', 'of', 'and', 'grand', 'final', 'la', 'le', 'les', 'des', 'du',
  'et', 'sous', 'general', 'generale', 'die', 'das', 'und', 'generaal',
]);

/**
 * A name's words as it prints: compatibility forms and Latin look-alikes read plainly, folded, the French `l'` and
 * `d'` dropped (`l’ensemble`), split at whatever is not a letter or digit; `Σ` and `∑` read as `sum`.
 */
function printedWords(name: string): string[] {
  return fold(asLatinLookalikes(name.normalize('NFKC').replace(/[Σ∑]/gu, ' sum ')))
    .replace(/(^|[^\p{L}])[ld]'/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * True when a name is a total's: made only of the words of a sum, of the whole and of the whole area (and words
 * that change nothing), with a sum's word among them (`Totaal zone`, `Subtotaal`, `Alle wijken samen`, `Σ`) or a
 * whole's beside an area's (`Gehele zone`, `Hele gebied`, `Zone entière`, `Tous les quartiers`), or one of
 * TOTAL_ALONE. A real name beside them makes a place (`Zone Nord`, `Alle-sur-Semois`), as does an area's word
 * alone (`Zone`, `Stad`).
 */
function totalName(name: string): boolean {
  const words = printedWords(name);
  if (words.length === 0) return false;
  if (words.length === 1 && TOTAL_ALONE.has(words[0])) return true;
  const known = (word: string) => SUM_WORDS.has(word) || WHOLE_WORDS.has(word) || AREA_WORDS.has(word) || TOTAL_FILLERS.has(word) || /^\d+$/.test(word);
  if (!words.every(known)) return false;
  return words.some((word) => SUM_WORDS.has(word)) || (words.some((word) => WHOLE_WORDS.has(word)) && words.some((word) => AREA_WORDS.has(word)));
}

/**
 * A date as a name (`1985-07-30`, `29/02/2025`, `30.07.1985`, `30-07-85`): year, month and day, or day and month
 * and a year of two or four digits, joined by one of `-`, `/`, `.`. A date in a district's cell may be a date of
 * birth, and is no place.
 */
const DATE_NAME = /^(?:\d{4}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01])\2(?:\d{2}|\d{4}))$/;

/** Why a district may not be called a name, whatever the data holds (`districtNameProblem`). */
const DISTRICT_NAME_PROBLEMS = ['reserved_name', 'total_name', 'date_name', 'placeholder_name'] as const;
export type DistrictNameProblem = (typeof DISTRICT_NAME_PROBLEMS)[number];

/** True for a zod issue's `reason` param that is a district name's problem (src/ingest/validate.ts). */
export function isDistrictNameProblem(reason: unknown): reason is DistrictNameProblem {
  return DISTRICT_NAME_PROBLEMS.some((problem) => problem === reason);
}

/**
 * Why a district may not be called `name` whatever the data holds: it prints as the whole area (`reserved_name`),
 * names a total of the districts (`total_name`: `totalName`), is a date (`date_name`) or has no letter or digit at
 * all, a placeholder (`placeholder_name`: `-`, `.`, `…`); null when none. A district's cell (districtSchema) and a
 * `districts:` rename's new name (src/config/district-renames.ts) are judged by it alike. A number alone (`999`)
 * passes: districts are numbered.
 */
export function districtNameProblem(name: string): DistrictNameProblem | null {
  const key = printedKey(name);
  if (WHOLE_AREA.has(key)) return 'reserved_name';
  if (totalName(name)) return 'total_name';
  const plain = name.normalize('NFKC').trim();
  // also with a time, of eight digits, the month by its name (`30 juli 1985`, `19850730`: adversarial run r29, item 6)
  if (DATE_NAME.test(plain) || isWrittenDate(plain)) return 'date_name';
  return /[\p{L}\p{N}]/u.test(plain) ? null : 'placeholder_name';
}

/**
 * Zone words, folded: a district named by one of them and the configured zone's name without its own (`Zone
 * Schelde-Leie`, `Politiezone Schelde-Leie`, `PZ Schelde-Leie (zone)` with `zone: PZ Schelde-Leie`) is the zone.
 * A municipality's words are not among them: a zone of several municipalities may name one of its parts so.
 */
const ZONE_WORDS = new Set(['zone', 'politiezone', 'pz', 'zp', 'police', 'politie', 'polizeizone', 'de']);

/** True when a name carries a zone word (`PZ Schelde-Leie`, `Zone de police Gent`): a zone word before it would be doubled. */
export function hasZoneWord(name: string): boolean {
  return printedWords(name).some((word) => ZONE_WORDS.has(word) && word !== 'de');
}

/**
 * True when a district's name is the configured zone's: it prints as the zone's name (`printsAs`), or it is a
 * zone word and the zone's name without its zone words (`Zone Schelde-Leie` for `PZ Schelde-Leie`). The zone's
 * name without a zone word (`Gent` for `PZ Gent`) is a district: a zone may be named after one of its parts.
 */
export function namesZone(name: string, zone: string): boolean {
  if (printsAs(name, zone)) return true;
  const words = printedWords(name);
  const core = (all: string[]) => all.filter((word) => !ZONE_WORDS.has(word)).join('');
  const own = core(printedWords(zone));
  return own !== '' && words.some((word) => ZONE_WORDS.has(word) && word !== 'de') && core(words) === own;
}

/** A district's name: its problem (`districtNameProblem`) is the issue's `reason` param, its own reason in messages. */
export const districtSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((name, context) => {
    const problem = districtNameProblem(name);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, params: { reason: problem } });
  });

/** The years a date or wave may fall in: what a safety survey or signal can be about (0000 and 9999 are typing mistakes). */
export const PLAUSIBLE_YEARS = { from: 1900, to: 2199 } as const;

/** A calendar date written as ISO (`2026-02-30` and `2026-13-01` are not) in a plausible year. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const year = Number(text.slice(0, 4));
    return parseDate(text) === text && year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
  });
export const proportionSchema = z.number().min(0).max(1);
/** A supplied design weight: outside these bounds it is a data error, not a weight (docs/methods.md, section 18.4). */
export const WEIGHT_BOUNDS = { min: 1e-6, max: 1e7 } as const;
export const weightSchema = z.number().min(WEIGHT_BOUNDS.min).max(WEIGHT_BOUNDS.max).optional();
/** Free text naming something (an organisation type, an area). */
export const nameSchema = z.string().min(1).max(200);
/** An id column's schema (a respondent's, an interview's): any text of 1 to 200 characters. */
export const idSchema = z.string().min(1).max(200);
