// Canonical columns: what each column of a layout holds, and the cell schemas several kinds share.
import { z } from 'zod';
import type { CodebookItem } from '../../config/codebook.js';
import { districtKey } from '../../districts.js';
import { en } from '../../i18n/en.js';
import { fr } from '../../i18n/fr.js';
import { nl } from '../../i18n/nl.js';
import { asLatinLookalikes } from '../name-characters.js';
import { parseDate } from '../values.js';

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
/** The zod issue params that make a reserved district name its own reason (src/ingest/validate.ts). */
export const RESERVED_NAME = { reason: 'reserved_name' } as const;
/**
 * What published tables call the sum of their districts, in the languages they come in (Statbel's and CBS's
 * `Totaal`, `Total`, a municipality's `Alle wijken`): a row so named is a total, never one more district.
 */
const TOTAL_NAMES = new Set(
  [
    'Total', 'Totals', 'Grand total', 'All districts', 'All', 'Whole zone', 'Whole municipality',
    'Totaal', 'Totalen', 'Eindtotaal', 'Alle wijken', 'Alle', 'Heel de zone', 'Hele gemeente', 'Totaal gemeente', 'Gemeente totaal',
    'Totaux', 'Total général', 'Tous les quartiers', 'Tous', 'Toute la zone', 'Toute la commune', 'Ensemble',
    'Gesamt', 'Insgesamt',
  ].map(printedKey),
);
/** The zod issue params that make a total's name its own reason (src/ingest/validate.ts). */
export const TOTAL_NAME = { reason: 'total_name' } as const;

/**
 * Why a district may not be called `name` whatever the data holds: it prints as the whole area (`reserved_name`)
 * or names a total of the districts (`total_name`); null when neither. A district's cell (districtSchema) and a
 * `districts:` rename's new name (src/config/district-renames.ts) are judged by it alike.
 */
export function districtNameProblem(name: string): 'reserved_name' | 'total_name' | null {
  const key = printedKey(name);
  if (WHOLE_AREA.has(key)) return 'reserved_name';
  return TOTAL_NAMES.has(key) ? 'total_name' : null;
}

export const districtSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => districtNameProblem(name) !== 'reserved_name', { params: RESERVED_NAME })
  .refine((name) => districtNameProblem(name) !== 'total_name', { params: TOTAL_NAME });

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
