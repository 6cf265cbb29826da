// Digits as each language groups and separates them; a leaf module so that both the message catalogue (counts
// inside messages) and the renderers (src/render/numbers.ts) write numbers in one way.

/** The locale whose number conventions each language of the tool follows. */
export const NUMBER_LOCALES = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' } as const;

const formatters = new Map<string, Intl.NumberFormat>();

/** What a table shows where it has no number: a value withheld, not computed, or not finite. */
export const NOT_AVAILABLE = '–';

/**
 * `value` with `digits` decimals, grouped by thousands as the language writes it. A value that rounds to zero is
 * zero, whatever its sign; the narrow no-break space some locales use for thousands becomes a plain no-break
 * space, so terminals and tests see one kind of space. A value that is not finite is no figure to show: it reads
 * as not available, never "NaN" or "∞" (a p-value of NaN printed as "NaN" in Markdown, adversarial run r38, F2).
 */
export function formatNumber(value: number, lang: keyof typeof NUMBER_LOCALES, digits: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  const key = `${lang}:${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(NUMBER_LOCALES[lang] ?? 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  const rounded = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return formatter.format(rounded).replace(/\u202f/g, '\u00a0');
}
