// Derived columns: one categorical column from several yes/no flag columns (one-hot sex, age group or
// district), and age bands as questionnaires word them ("25 - 34 years old", "75 jaar of ouder").
import { NO_WORDS, YES_WORDS } from './presets/limesurvey-words.js';
import { fold } from './values.js';
import { plausibleBand } from './age-bands.js';

export interface Band {
  min: number;
  /** Inclusive; null for an open band such as "75 and older". */
  max: number | null;
}

const RANGE = /(\d{1,3})\s*(?:-|–|—|tot en met|t\/m|tot|a|to|until|through|bis|jusqu'a)\s*(\d{1,3})/;
const OPEN_UP = /(\d{1,3})\s*(?:\+|jaar en ouder|jaar of ouder|en ouder|of ouder|of meer|en meer|ans et plus|ans ou plus|et plus|ou plus|years and older|years or older|years and over|and older|or older|and over|or more|plus|jahre und alter|jahre oder alter|und alter|oder alter|und mehr|oder mehr)/;
const OPEN_UP_BEFORE = /(?:ouder dan|meer dan|plus de|over|older than|more than|uber|alter als)\s*(\d{1,3})/;
const UNDER = /(?:jonger dan|minder dan|moins de|under|younger than|less than|unter|junger als)\s*(\d{1,3})/;

/** An age band in nl, fr, en or de (`15 - 29 jaar`, `75 ans et plus`, `under 25`, `15-29`, `75+`), or null. */
export function parseAgeBand(text: string): Band | null {
  const words = fold(text);
  const check = plausibleBand<Band>;
  let match = RANGE.exec(words);
  if (match) return check({ min: Number(match[1]), max: Number(match[2]) });
  match = OPEN_UP.exec(words);
  if (match) return check({ min: Number(match[1]), max: null });
  match = OPEN_UP_BEFORE.exec(words);
  if (match) return check({ min: Number(match[1]) + 1, max: null });
  match = UNDER.exec(words);
  if (match) return check({ min: 0, max: Number(match[1]) - 1 });
  return null;
}

/** A band as the population file labels age groups: `15-29`, `75+`. */
export function bandLabel(band: Band): string {
  return band.max === null ? `${band.min}+` : `${band.min}-${band.max}`;
}

/** True when two bands share an age. */
export function bandsOverlap(a: Band, b: Band): boolean {
  return (a.max === null || a.max >= b.min) && (b.max === null || b.max >= a.min);
}

/** True when `band` lies within `group`. */
export function bandWithin(band: Band, group: Band): boolean {
  if (band.min < group.min) return false;
  if (group.max === null) return true;
  return band.max !== null && band.max <= group.max;
}

const TICKED = new Set(YES_WORDS.map(fold).concat(['x', 'waar', 'vrai', 'wahr', '✓', '✔']));
const UNTICKED = new Set(NO_WORDS.map(fold).concat(['', 'n/a', 'onwaar', 'faux', 'falsch']));

/** One option of a flag column set: the column it is read from and the value it stands for. */
export interface FlagOption {
  index: number;
  header: string;
  value: string;
  /**
   * Set for a multiple-choice option read as a yes/no answer of its own: `own` is that option's column (first),
   * `other` the question's other options, read only to tell "not ticked" from "not answered".
   */
  choice?: 'own' | 'other';
}

/** What an empty option beside a ticked one reads as: LimeSurvey's own "not ticked" (its `N`). */
export const NOT_TICKED = 'N';

/**
 * What several flag columns say: the ticked option's value, '' when none is; or the row's problem: a flag cell
 * that is neither ticked nor unticked (`odd`, its cell), or more than one ticked (`several`, their columns).
 */
export type FlagReading = { value: string } | { odd: FlagOption; cell: string } | { several: FlagOption[] };

export function readFlags(options: readonly FlagOption[], fields: readonly string[]): FlagReading {
  if (options[0]?.choice === 'own') return readChoiceOption(options, fields);
  const ticked: FlagOption[] = [];
  for (const option of options) {
    const cell = fields[option.index] ?? '';
    const folded = fold(cell);
    if (UNTICKED.has(folded)) continue;
    if (!TICKED.has(folded)) return { odd: option, cell: cell.trim() };
    ticked.push(option);
  }
  if (ticked.length > 1) return { several: ticked };
  return { value: ticked[0]?.value ?? '' };
}

/**
 * A multiple-choice option as a yes/no answer (docs/methods.md section 19.5): its own cell when that holds
 * anything; an empty one is not ticked when another option of its question is (the respondent answered the
 * question), and missing when none is (the question was not shown, or not reached).
 */
function readChoiceOption(options: readonly FlagOption[], fields: readonly string[]): FlagReading {
  const own = (fields[options[0].index] ?? '').trim();
  if (own !== '') return { value: own };
  for (let i = 1; i < options.length; i++) {
    const cell = fields[options[i].index] ?? '';
    if (cell.trim() !== '' && !UNTICKED.has(fold(cell))) return { value: NOT_TICKED };
  }
  return { value: '' };
}
