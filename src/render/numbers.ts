// Numbers for people: thousands separators and decimal commas follow the language.
import type { Lang, Translate } from '../i18n/index.js';

const LOCALES: Record<Lang, string> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

export function formatCount(value: number, t: Translate): string {
  return formatNumber(value, t.lang, 0);
}

export function formatNumber(value: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(LOCALES[lang] ?? 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
