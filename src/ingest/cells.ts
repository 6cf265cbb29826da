// From one trimmed, non-empty cell to the value its column's schema judges: the lexical half of validation.
import type { CodebookItem } from '../config/codebook.js';
import { cleanName } from '../districts.js';
import { present } from '../invariant.js';
import type { ColumnSpec } from './kinds/columns.js';
import { codeKey } from './kinds/partner-codes.js';
import { holdsControlCharacter, mixesScripts } from './name-characters.js';
import { looksLikeIdentifier, personalCode, personalDistrict } from './privacy.js';
import { fold, hasExponent, hasThousandsMark, isDateShaped, normaliseName, parseAgeGroup, parseDate, parseNumber, parseSex, parseTrend } from './values.js';

/** A cell ending in a per-cent sign (`36,5%`, `36,5 %` as Excel writes percentages). */
export const PERCENT_SIGN = /\s*%$/u;

/**
 * A percentage as a proportion, as written in decimals: 66,8 % is 0.668, not the 0.6679999999999999 that dividing
 * by 100 leaves in binary (adversarial run r25b, F5); fifteen significant digits hold any figure a file gives.
 */
export function fromPercent(value: number): number {
  return Number((value / 100).toPrecision(15));
}

/** A whole year as CBS StatLine writes a period (`2023JJ00`). */
const STATLINE_YEAR = /^(\d{4})JJ00$/;

/**
 * What a district, area or code cell converts to when it looks like personal data: no schema accepts it, and the
 * row is refused as `personal_data` (the cell written as `***`). Judged on the cell as written, before a code is
 * made of it: `Jan Peeters` is a name, `jan_peeters` would look like a code.
 */
export const PERSONAL_DATA: unique symbol = Symbol('personal data');

/**
 * What a district, area or text cell converts to when it holds a control character (ESC, DEL, C1, a tag
 * character): no schema accepts it, and the row is refused as `control_character`, the cell never shown.
 */
export const CONTROL_CHARACTER: unique symbol = Symbol('control character');

/**
 * What a district, area or text cell converts to when a word of it mixes Latin, Cyrillic or Greek letters
 * (`Whоle area` with a Cyrillic `о`): it would print like another name. No schema accepts it (`mixed_script`).
 */
export const MIXED_SCRIPT: unique symbol = Symbol('mixed script');

/** What a code cell converts to when it is none of its column's codes, built in or declared: no schema accepts it. */
export const NOT_DECLARED: unique symbol = Symbol('not declared');

/** What a whole-number cell written with an exponent (`1e3`) converts to: no schema accepts it, and it is refused as not a whole number. */
export const EXPONENT: unique symbol = Symbol('exponent');

/** What a whole-number cell written with a thousands mark (`1.000`, `3,000`) converts to: no schema accepts it (see hasThousandsMark). */
export const THOUSANDS_MARK: unique symbol = Symbol('thousands mark');

/** What a cell written as a date converts to when the calendar has no such day (`2026-02-29`, `31/02/2026`): no schema accepts it. */
export const NOT_A_DATE: unique symbol = Symbol('not a date');

/** Digits enough for a phone, national or bank account number (`0470123456`): a number cell with fewer holds none. */
const IDENTIFIER_DIGITS = /(?:\d\D{0,2}){8}/;

/**
 * True for a number cell that is an identifier written as a number (`0470123456` as a count, `85073003361` as an
 * age: adversarial run r23, F2): refused as personal data, not stored as a number of 470 million.
 */
function numberIsIdentifier(text: string): boolean {
  return IDENTIFIER_DIGITS.test(text) && !PLAIN_DECIMAL.test(text) && looksLikeIdentifier(text);
}

/** A number of up to seven digits before one decimal mark (`0.987654321`, a weight R wrote): no identifier, never judged. */
const PLAIN_DECIMAL = /^[+-]?\d{0,7}(?:[.,]\d*)?$/;

/** The value the schema checks; NaN and unrecognised strings pass through for zod to judge. */
export function convertCell(spec: ColumnSpec, text: string): unknown {
  switch (spec.type) {
    case 'age':
    case 'count':
    case 'severity':
      if (numberIsIdentifier(text)) return PERSONAL_DATA;
      if (hasExponent(text)) return EXPONENT;
      return hasThousandsMark(text) ? THOUSANDS_MARK : parseNumber(text);
    case 'weight':
      return numberIsIdentifier(text) ? PERSONAL_DATA : parseNumber(text);
    case 'proportion':
      if (numberIsIdentifier(text)) return PERSONAL_DATA;
      return PERCENT_SIGN.test(text) ? fromPercent(parseNumber(text.replace(PERCENT_SIGN, ''))) : parseNumber(text);
    case 'item':
      return parseItem(present(spec.item, 'the codebook item of an item column'), text);
    case 'wave': {
      // a year is four digits; `2.026e3` stays text, which no wave matches
      const number = hasExponent(text) ? Number.NaN : parseNumber(text);
      return Number.isInteger(number) ? String(number) : (STATLINE_YEAR.exec(text)?.[1] ?? text);
    }
    case 'district':
    case 'text':
      // every name column, in every kind: population districts, survey, signal and key-figure districts, monitor areas
      if (holdsControlCharacter(text)) return CONTROL_CHARACTER;
      if (personalDistrict(text)) return PERSONAL_DATA;
      // stored without the characters that print as nothing, so `Vlaanderen\u200b` is no second monitor area beside
      // `Vlaanderen` (found beside adversarial run r28, item 9): every name column, as districts are matched
      return mixesScripts(text) ? MIXED_SCRIPT : cleanName(text);
    case 'theme':
    case 'indicator':
      // a code column takes its built-in and declared codes only (judged for personal data first, as written)
      if (spec.codes) return personalCode(text) ? PERSONAL_DATA : (spec.codes.byKey.get(codeKey(text)) ?? NOT_DECLARED);
      // a column with its list of codes refuses a name anyway; a free-form code is screened
      return (spec.choices ? looksLikeIdentifier(text) : personalCode(text)) ? PERSONAL_DATA : normaliseName(text).toLowerCase().replace(/[\s-]+/g, '_');
    case 'sex':
      return parseSex(text);
    case 'trend':
      return parseTrend(text);
    case 'age_group':
      return parseAgeGroup(text) ?? text;
    case 'date':
      return parseDate(text) ?? (isDateShaped(text) ? NOT_A_DATE : text);
    case 'id':
      // an id as it is keyed: compatibility forms folded and what prints as nothing removed, so `Ｒ1` (full width)
      // and `R1` with a zero-width space are the `R1` they print as, a duplicate, not two respondents weighted
      // apart (adversarial run r37, A2)
      return cleanName(text.normalize('NFKC'));
    case 'note':
      return text;
  }
}

/** An answer: its code, or one of its labels in any language. */
function parseItem(item: CodebookItem, text: string): unknown {
  if (hasExponent(text)) return EXPONENT;
  const number = parseNumber(text);
  if (!Number.isNaN(number)) return number;
  const folded = fold(text);
  for (const labels of Object.values(item.labels)) {
    const index = labels?.findIndex((label) => fold(label) === folded) ?? -1;
    if (index >= 0) return item.values[index];
  }
  const yesNo = item.values.length === 2 && item.values[0] === 0 && item.values[1] === 1;
  if (yesNo && /^(y|yes|j|ja|o|oui|true)$/.test(folded)) return 1;
  if (yesNo && /^(n|no|nee|non|false)$/.test(folded)) return 0;
  return text;
}
