// Numbers for people: thousands separators and decimal commas follow the language.
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
  // Normalise the narrow no-break space some locales use, so terminals and tests see one kind of space.
  return formatter.format(value).replace(/\u202f/g, '\u00a0');
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
