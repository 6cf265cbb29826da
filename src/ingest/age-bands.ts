// Ages as population tables publish them (single years, `25-29`, `85+`, be.STAT's `Van 25 tot 29 jaar`) and
// how a band falls into the configured age groups (docs/methods.md section 2, "Population figures").
import type { AgeGroup } from './values.js';
import { fold } from './values.js';

/** An age range in whole years, both ends inclusive; `max` null for an open band such as `100 jaar en meer`. */
export interface AgeBand {
  min: number;
  max: number | null;
}

const AGE = '(\\d{1,3})';
/** Each pattern gives [min, max] from its captures; folded text (lower case, no accents) is matched. */
const BAND_PATTERNS: Array<[RegExp, (a: number, b: number) => AgeBand]> = [
  [new RegExp(`^${AGE}$`), (a) => ({ min: a, max: a })],
  [new RegExp(`^${AGE}[-–]${AGE}$`), (a, b) => ({ min: a, max: b })],
  [new RegExp(`^${AGE}\\+$`), (a) => ({ min: a, max: null })],
  // be.STAT and register exports in Dutch, French and English
  [new RegExp(`^(?:minder|jonger) dan ${AGE} jaar$`), (a) => ({ min: 0, max: a - 1 })],
  [new RegExp(`^van ${AGE} tot ${AGE} jaar$`), (a, b) => ({ min: a, max: b })],
  [new RegExp(`^${AGE} jaar (?:en|of) (?:meer|ouder)$`), (a) => ({ min: a, max: null })],
  [new RegExp(`^moins de ${AGE} ans$`), (a) => ({ min: 0, max: a - 1 })],
  [new RegExp(`^de ${AGE} a ${AGE} ans$`), (a, b) => ({ min: a, max: b })],
  [new RegExp(`^${AGE} ans et plus$`), (a) => ({ min: a, max: null })],
  [new RegExp(`^(?:less than|under) ${AGE}(?: years)?$`), (a) => ({ min: 0, max: a - 1 })],
  [new RegExp(`^${AGE}(?: to |[-–])${AGE} years$`), (a, b) => ({ min: a, max: b })],
  [new RegExp(`^${AGE}(?: years)? and (?:over|older)$`), (a) => ({ min: a, max: null })],
];

/**
 * A band of ages a person can have, or null: one starting past 120 or ending past 130 is a code (registers
 * write 999 for an unknown age), never the oldest group's residents (adversarial run r19, F4). Survey bands
 * (src/ingest/derive.ts) and population bands are held to it alike.
 */
export function plausibleBand<B extends AgeBand>(band: B): B | null {
  return band.min <= 120 && (band.max === null || (band.max >= band.min && band.max <= 130)) ? band : null;
}

/** The band a cell names, or null when it names none (or an empty one, such as `30-20`, or no one's age, such as `999`). */
export function parseAgeBand(text: string): AgeBand | null {
  const words = fold(text);
  // "25 - 29" and "85 +" as "25-29" and "85+"; the worded patterns keep their spaces
  const compact = words.replace(/\s*([-–+])\s*/g, '$1');
  for (const candidate of [compact, words]) {
    for (const [pattern, band] of BAND_PATTERNS) {
      const match = pattern.exec(candidate);
      if (!match) continue;
      return plausibleBand(band(Number(match[1]), Number(match[2])));
    }
  }
  return null;
}

/** How a band falls into the configured groups: one group, outside all of them, or across a boundary. */
export type Binned =
  | { fits: AgeGroup }
  /** entirely younger than the youngest group, or older than a closed oldest group: left out and counted */
  | { outside: 'below' | 'above' }
  /** overlaps two or more groups (or a group and the ages outside them): the groups' labels, and the ages below or above them the band reaches (else null) */
  | { straddles: string[]; under: number | null; over: number | null };

export function bandLabel(band: AgeBand): string {
  return band.max === null ? `${band.min}+` : band.min === band.max ? `${band.min}` : `${band.min}-${band.max}`;
}

function overlaps(band: AgeBand, group: AgeGroup): boolean {
  return (band.max === null || band.max >= group.min) && (group.max === null || band.min <= group.max);
}

/** `groups` ascending and contiguous, as the configuration guarantees. */
export function binBand(band: AgeBand, groups: readonly AgeGroup[]): Binned {
  const youngest = groups[0];
  const oldest = groups[groups.length - 1];
  if (band.max !== null && band.max < youngest.min) return { outside: 'below' };
  if (oldest.max !== null && band.min > oldest.max) return { outside: 'above' };
  const touched = groups.filter((group) => overlaps(band, group));
  const below = band.min < youngest.min;
  const above = oldest.max !== null && (band.max === null || band.max > oldest.max);
  if (touched.length === 1 && !below && !above) return { fits: touched[0] };
  return { straddles: touched.map((group) => group.label), under: below ? youngest.min : null, over: above ? oldest.max : null };
}
