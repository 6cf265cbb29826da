// Lexical parsing of cells: numbers with decimal commas, answer labels, sex and trend words, dates.
// Semantic checks (ranges, allowed codes) belong to the zod schemas.

/** Unicode NFC, trimmed, inner whitespace collapsed: "Sint  Denijs " and "Sint Denijs" are one district. */
export function normaliseName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Lower case without accents, for matching labels and suggesting names. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .trim()
    .replace(/\s+/g, ' ');
}

/** Header names: case-insensitive, trimmed, spaces and hyphens as underscores. */
export function normaliseHeader(value: string): string {
  return value
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
/** Thousands in groups of three, one mark between them (`.`, a space, `'`), then a decimal part perhaps. */
const GROUPED = /^[+-]?\d{1,3}([. \u00a0\u202f'])\d{3}(?:\1\d{3})*(?:([.,])\d+)?$/;

/**
 * A number as Belgian and Dutch exports write it: `23,4`, `23.4`, `1.234,5`, `1 234`, `1 234.5`.
 * Returns NaN when the text is not a number: also when its decimal mark is its thousands mark (`2.604.0`, read
 * as 26040 before: adversarial run r24, F3).
 */
export function parseNumber(text: string): number {
  const value = text.trim();
  if (value === '') return NaN;
  if (NUMBER.test(value)) return Number(value.replace(',', '.'));
  const grouped = GROUPED.exec(value);
  if (grouped === null) return NaN;
  const [, mark, decimal] = grouped;
  if (decimal === mark) return NaN;
  return Number(value.split(mark).join('').replace(',', '.'));
}

/** A number that may be a decimal or a whole number with thousands points: `1.250`, `12.500`, `1.234.567` (never `0.125`). */
const POINT_OR_THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/;

/** True for a cell whose points may be decimal or thousands marks (POINT_OR_THOUSANDS). */
export function pointOrThousands(text: string): boolean {
  return POINT_OR_THOUSANDS.test(text.trim());
}

/** A cell of a column that writes its decimals with a comma, its thousands points removed: `1.250` -> `1250`. */
export function withoutThousandsPoints(text: string): string {
  return pointOrThousands(text) ? text.replace(/\./g, '') : text;
}

/**
 * A number written with an exponent (`1e3`, `2,5E-2`): a decimal (a weight, a share) may be, a whole number
 * (an age, a count, an answer code, a year) is written in digits, so `1e3` is never read as 1000 there.
 */
export function hasExponent(text: string): boolean {
  return /\d[eE][+-]?\d+$/.test(text.trim()) && !Number.isNaN(parseNumber(text));
}

/**
 * A number written with a `.` or `,` before groups of three digits (`1.000`, `3,000`, `1.234.567`): in a column of
 * whole numbers it may be a thousands separator or decimals, so it is read as neither (`1.000` is not 1, nor 1000).
 */
export function hasThousandsMark(text: string): boolean {
  return /^[+-]?\d{1,3}([.,]\d{3})+$/.test(text.trim());
}

export const SEX_WORDS: Readonly<Record<string, 'M' | 'F' | 'X'>> = {
  m: 'M', male: 'M', man: 'M', men: 'M', h: 'M', homme: 'M', masculin: 'M', jongen: 'M',
  f: 'F', female: 'F', woman: 'F', vrouw: 'F', v: 'F', femme: 'F', feminin: 'F', meisje: 'F',
  // population tables name the group: be.STAT's Mannen/Vrouwen, Statbel's Hommes/Femmes
  males: 'M', mannen: 'M', hommes: 'M', females: 'F', women: 'F', vrouwen: 'F', femmes: 'F',
  x: 'X', other: 'X', anders: 'X', autre: 'X', 'non-binary': 'X', 'non binary': 'X', nonbinair: 'X', 'non-binaire': 'X',
};

export function parseSex(text: string): string {
  return SEX_WORDS[fold(text)] ?? text.trim();
}

export const TREND_WORDS: Readonly<Record<string, 'better' | 'same' | 'worse'>> = {
  better: 'better', beter: 'better', mieux: 'better', improved: 'better', verbeterd: 'better', '+': 'better',
  same: 'same', hetzelfde: 'same', gelijk: 'same', pareil: 'same', stable: 'same', stabiel: 'same', '=': 'same',
  worse: 'worse', slechter: 'worse', pire: 'worse', verslechterd: 'worse', '-': 'worse',
};

export function parseTrend(text: string): string {
  return TREND_WORDS[fold(text)] ?? text.trim();
}

/** An ISO date, perhaps with a time of day (or more) after `T` or a space: `2026-03-14 10:15:00`, as workbooks write it. */
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.{0,80}))?$/;
/** A Belgian date: `14/03/2026`, `14-03-2026`, `14.03.2026`. */
const BELGIAN_DATE = /^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})$/;
/**
 * A date's tail as exports write it: a time of day, hours and minutes, perhaps seconds and their fraction, perhaps a
 * time zone (`10:15`, `07:41:21`, `10:15:00.000Z`, `10:15:00+01:00`).
 */
const TIME_OF_DAY = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d{1,9})?)?(?:\s?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/;

/**
 * True when a date has no tail, or a time of day on the clock: not hour 25 or 24, minute or second 60 or more
 * (`2024-03-05 25:10` was read as 5 March: adversarial run r28, item 10), and nothing else (`2026-03-14 Dhr.
 * Peeters 0470123456` was read as 14 March, the rest ignored without a word: adversarial run r36-B, minor).
 */
function onTheClock(tail: string | undefined): boolean {
  if (tail === undefined) return true;
  const time = TIME_OF_DAY.exec(tail.trim());
  return time !== null && Number(time[1]) <= 23 && Number(time[2]) <= 59 && Number(time[3] ?? 0) <= 59;
}

/**
 * ISO `2026-03-14` (a time of day after it read away when it is on the clock), or Belgian `14/03/2026` and
 * `14-03-2026`; returns ISO or null (also for a day the calendar lacks or a time off the clock: see isDateShaped).
 */
export function parseDate(text: string): string | null {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let match = ISO_DATE.exec(value);
  if (match) {
    if (!onTheClock(match[4])) return null;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = BELGIAN_DATE.exec(value);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[5])];
  }
  // setUTCFullYear, not Date.UTC, which reads a year below 100 as 19xx
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The first two numbers of a date written with its year last (`05/06/2025`, `12-31-2025`), or null: which of the
 * two is the day, the column's other cells decide (percent-scale.ts, decideDateOrder).
 */
export function leadingDateParts(text: string): [number, number] | null {
  const match = BELGIAN_DATE.exec(text.trim());
  return match ? [Number(match[1]), Number(match[3])] : null;
}

/** A date written month first (`12/31/2025`) written day first (`31/12/2025`); other text as it is. */
export function dayFirst(text: string): string {
  return text.trim().replace(BELGIAN_DATE, '$3$2$1$4$5');
}

/** True when the text is written as a date (`2026-02-30`, `31/02/2026`, `2024-03-05 25:10`), whether or not the calendar and the clock have it. */
export function isDateShaped(text: string): boolean {
  const value = text.trim();
  return ISO_DATE.test(value) || BELGIAN_DATE.test(value);
}

export interface AgeGroup {
  label: string;
  min: number;
  /** Inclusive upper bound; null for an open group such as `75+`. */
  max: number | null;
}

/** Age-group labels of the population file: `15-29`, `75+`. */
export function parseAgeGroup(text: string): AgeGroup | null {
  const value = text.trim().replace(/\s+/g, '');
  let match = /^(\d{1,3})[-–](\d{1,3})$/.exec(value);
  if (match) {
    const min = Number(match[1]);
    const max = Number(match[2]);
    return max >= min ? { label: `${min}-${max}`, min, max } : null;
  }
  match = /^(\d{1,3})\+$/.exec(value);
  if (match) return { label: `${Number(match[1])}+`, min: Number(match[1]), max: null };
  return null;
}

/**
 * Edit distance with transpositions (optimal string alignment) when it is at most `max`, else `max + 1`: only a
 * band of 2 × max + 1 cells per row is computed, and the work stops once a row is past `max`, so comparing a
 * name with thousands of known names stays cheap.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  const outside = max + 1;
  let before = new Array<number>(cols).fill(outside);
  let previous = Array.from({ length: cols }, (_, j) => (j <= max ? j : outside));
  let current = new Array<number>(cols).fill(outside);
  for (let i = 1; i <= a.length; i++) {
    current.fill(outside);
    if (i <= max) current[0] = i;
    let best = current[0];
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = Math.min(value, outside);
      if (current[j] < best) best = current[j];
    }
    if (best > max) return outside;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], outside);
}

/** Known names folded once, for looking up many names among them (`map` over 5,000 districts). */
export class KnownNames {
  readonly folded: readonly string[];

  constructor(readonly names: readonly string[]) {
    this.folded = names.map(fold);
  }
}

/**
 * Up to three known names close to `name` (accent- and case-insensitive), closest first: names it begins
 * (`youth` -> `youth_nuisance`) or that begin it, then names within a few edits. The cost is bounded by the
 * number of known names times a band of the edit-distance table.
 */
export function closestNames(name: string, known: readonly string[] | KnownNames, limit = 3): string[] {
  const { names, folded: foldedNames } = known instanceof KnownNames ? known : new KnownNames(known);
  const target = fold(name);
  const prefixed: string[] = [];
  const near: Array<{ candidate: string; distance: number }> = [];
  for (let i = 0; i < names.length; i++) {
    const candidate = names[i];
    const folded = foldedNames[i];
    if (target.length >= 3 && (folded.startsWith(target) || target.startsWith(folded))) prefixed.push(candidate);
    const max = Math.max(2, Math.floor(candidate.length / 3));
    const distance = editDistance(target, folded, max);
    if (distance <= max) near.push({ candidate, distance });
  }
  near.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  prefixed.sort((a, b) => a.length - b.length || a.localeCompare(b));
  return onePerSpelling(name, [...prefixed, ...near.map(({ candidate }) => candidate)]).slice(0, limit);
}

/**
 * Suggestions that differ only in case or accents (`Zero`, `ZERO`, `Zéro`) offered once, in the place of the
 * first of them: the spelling nearest to what was typed, case and accents counted.
 */
function onePerSpelling(name: string, candidates: readonly string[]): string[] {
  const chosen = new Map<string, string>();
  for (const candidate of candidates) {
    const key = fold(candidate);
    const earlier = chosen.get(key);
    if (earlier === undefined) chosen.set(key, candidate);
    else if (editDistance(name, candidate) < editDistance(name, earlier)) chosen.set(key, candidate);
  }
  return [...chosen.values()];
}
