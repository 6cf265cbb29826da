// Numbers for people, the one place they are worded: thousands separators and decimal commas follow the
// language, percentages and percentage points are written as the catalogue says ("12,5 %" in French), a
// p-value reads "< 0.001" below that, and a value that rounds to zero is never "-0.0".
import type { Lang, Translate } from '../i18n/index.js';
import { formatNumber, NUMBER_LOCALES } from '../i18n/number-format.js';

export { formatNumber };

export function formatCount(value: number, t: Translate): string {
  return formatNumber(value, t.lang, 0);
}

/**
 * An interval's confidence level as a percentage without the sign, with the decimals it has (givenDigits):
 * 0.95 -> "95", 0.995 -> "99.5" ("99,5"), 0.9555 -> "95.55" (not rounded to another level, 95.6).
 */
export function formatLevel(level: number, lang: Lang): string {
  return formatNumber(level * 100, lang, givenDigits(level));
}

/** A proportion as a percentage without the sign: 0.3884 -> "38.8" (en) or "38,8" (nl, fr). */
export function formatPercent(proportion: number, lang: Lang, digits = 1): string {
  return formatNumber(proportion * 100, lang, digits);
}

/** A proportion as a percentage with its sign as the language writes it: "12.5%", "12,5 %". */
export function percentText(proportion: number, t: Translate, digits = 1): string {
  return t('number.percent', { value: formatPercent(proportion, t.lang, digits) });
}

/**
 * A probability the user gave (a test's power or significance level) as a percentage with as many decimals as it
 * has (up to 8): 0.8 is "80%", 0.975 "97.5%", 0.99999999 "99.999999%"; and never rounded to 100% or 0% when it
 * is not, however many decimals that takes.
 */
export function givenPercentText(proportion: number, t: Translate): string {
  return percentText(proportion, t, givenDigits(proportion));
}

/** The decimals a given proportion needs as a percentage: the fewest that write it exactly (up to 8, floating-point noise aside), more when fewer would read 100% or 0%. */
function givenDigits(proportion: number): number {
  const percent = proportion * 100;
  const rounded = (digits: number) => Math.round(percent * 10 ** digits) / 10 ** digits;
  const inexact = (digits: number) => digits < 8 && Math.abs(rounded(digits) - percent) > 1e-9 * Math.max(1, percent);
  const misleading = (digits: number) => (proportion < 1 && rounded(digits) >= 100) || (proportion > 0 && rounded(digits) <= 0);
  let digits = 0;
  while (digits < 15 && (inexact(digits) || misleading(digits))) digits++;
  return digits;
}

/**
 * A number the user gave (a score's item weight) with the decimals it has: none for a whole number, else the fewest
 * from 2 that write it exactly (up to 6: 0.25 -> "0.25", 0.000001 -> "0.000001", 1/3 -> "0.333333"), and more when
 * fewer would write a non-zero number as 0 (1e-9 -> "0.000000001").
 */
export function givenNumberText(value: number, lang: Lang): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return formatNumber(value, lang, 0);
  const rounded = (digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  const inexact = (digits: number) => digits < 6 && Math.abs(rounded(digits) - value) > 1e-12 * Math.max(1, Math.abs(value));
  let digits = 2;
  while (digits < 20 && (inexact(digits) || rounded(digits) === 0)) digits++;
  return formatNumber(value, lang, digits);
}

/**
 * A difference with its sign, at `digits` decimals: "+1.2", "−0.3", and "±0.0" for every value that is written
 * as zero at that precision (−0.04 is "±0.0", never "−0.0"): judged on the digits shown, so it is the same
 * wherever a change is written (tables, Markdown, the report).
 */
export function signedText(value: number, lang: Lang, digits: number): string {
  const text = formatNumber(Math.abs(value), lang, digits);
  if (text === formatNumber(0, lang, digits)) return `±${text}`;
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A difference in the indicator's own unit: percentage points for shares, signed ("−19.0 percentage points"). */
export function changeText(diff: number, kind: 'share' | 'mean' | 'score', t: Translate, extraDigits = 0): string {
  const digits = (kind === 'mean' ? 2 : 1) + extraDigits;
  const value = kind === 'share' ? diff * 100 : diff;
  const text = signedText(value, t.lang, digits);
  if (kind !== 'share') return text;
  const shown = text.startsWith('±') ? 0 : Math.abs(value);
  return plural(t.lang, shown) === 'one' ? t('number.points_one', { value: text }) : t('number.points', { value: text });
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

function plural(lang: Lang, value: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(NUMBER_LOCALES[lang]);
    pluralRules.set(lang, rules);
  }
  return rules.select(value);
}

/** A p-value as tables show it: three decimals, "< 0.001" below that; not available when not a finite number. */
export function pValueText(p: number, t: Translate): string {
  if (!Number.isFinite(p)) return formatNumber(p, t.lang, 3);
  return p < 0.001 ? `< ${formatNumber(0.001, t.lang, 3)}` : formatNumber(p, t.lang, 3);
}
