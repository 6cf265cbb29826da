// Numbers for people, the one place they are worded: thousands separators and decimal commas follow the
// language, percentages and percentage points are written as the catalogue says ("12,5 %" in French), a
// p-value reads "< 0.001" below that, and a value that rounds to zero is never "-0.0".
import type { Lang, Translate } from '../i18n/index.js';

const LOCALES: Record<Lang, string> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: Lang, digits: number): string {
  const key = `${lang}:${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[lang] ?? 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  // A value that rounds to zero is zero, whatever its sign; the narrow no-break space some locales use for
  // thousands becomes a plain no-break space, so terminals and tests see one kind of space.
  const rounded = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return formatter.format(rounded).replace(/\u202f/g, '\u00a0');
}

export function formatCount(value: number, t: Translate): string {
  return formatNumber(value, t.lang, 0);
}

/** An interval's confidence level as a percentage without the sign: 0.95 -> "95", 0.995 -> "99.5" ("99,5"). */
export function formatLevel(level: number, lang: Lang): string {
  const percent = Math.round(level * 1000) / 10;
  return formatNumber(percent, lang, Number.isInteger(percent) ? 0 : 1);
}

/** A proportion as a percentage without the sign: 0.3884 -> "38.8" (en) or "38,8" (nl, fr). */
export function formatPercent(proportion: number, lang: Lang, digits = 1): string {
  return formatNumber(proportion * 100, lang, digits);
}

/** A proportion as a percentage with its sign as the language writes it: "12.5%", "12,5 %". */
export function percentText(proportion: number, t: Translate, digits = 1): string {
  return t('number.percent', { value: formatPercent(proportion, t.lang, digits) });
}

/** A difference in the indicator's own unit: percentage points for shares, signed ("−19.0 percentage points"). */
export function changeText(diff: number, kind: 'share' | 'mean' | 'score', t: Translate): string {
  const digits = kind === 'mean' ? 2 : 1;
  const value = kind === 'share' ? diff * 100 : diff;
  const shown = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  const text = `${shown > 0 ? '+' : shown < 0 ? '−' : '±'}${formatNumber(Math.abs(shown), t.lang, digits)}`;
  if (kind !== 'share') return text;
  return plural(t.lang, Math.abs(shown)) === 'one' ? t('number.points_one', { value: text }) : t('number.points', { value: text });
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

function plural(lang: Lang, value: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[lang]);
    pluralRules.set(lang, rules);
  }
  return rules.select(value);
}

/** A p-value as tables show it: three decimals, "< 0.001" below that. */
export function pValueText(p: number, t: Translate): string {
  return p < 0.001 ? `< ${formatNumber(0.001, t.lang, 3)}` : formatNumber(p, t.lang, 3);
}
