// The message catalogue: every key in every language, with the same placeholders and code spans.
import { describe, expect, it } from 'vitest';
import { LANGS, catalogues, interpolate, translator } from '../../src/i18n/index.js';

/** The parameters a text uses, once each: `{n}` and the plural form `{n:row|rows}` both name `n`. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((m) => m[1]))].sort();
/** Code spans (`--kind`, `{value}`) are typed by the user or quote their input: never translated. */
// A code span is copied as is, but for a metavariable such as <command>, which the reader's language names.
const codeSpans = (text: string) => [...text.matchAll(/`[^`]*`/g)].map((m) => m[0].replace(/<[a-zà-ÿ]+>/g, '<…>')).sort();
const TRANSLATIONS = LANGS.filter((lang) => lang !== 'en');

describe('the message catalogue', () => {
  const english = catalogues.en;

  it('has the translations nl and fr beside English', () => {
    expect(TRANSLATIONS).toEqual(['nl', 'fr']);
  });

  for (const lang of LANGS) {
    it(`${lang} has every key, none empty`, () => {
      const missing = Object.keys(english).filter((key) => !(key in catalogues[lang]));
      expect(missing).toEqual([]);
      const empty = Object.entries(catalogues[lang]).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
      expect(Object.keys(catalogues[lang])).toHaveLength(Object.keys(english).length);
    });
  }

  for (const lang of TRANSLATIONS) {
    it(`${lang} keeps every placeholder and code span of the English text`, () => {
      const different = Object.entries(english).filter(([key, text]) => {
        const other = catalogues[lang][key as keyof typeof english];
        return placeholders(other).join() !== placeholders(text).join() || codeSpans(other).join('\n') !== codeSpans(text).join('\n');
      });
      expect(different.map(([key]) => key)).toEqual([]);
    });
  }

  /** What is left of braces once every placeholder and code span is taken out: a placeholder the filler cannot read. */
  const strayBraces = (text: string) => text.replace(/\{\w+(?::[^{}]*)?\}/g, '').replace(/`[^`]*`/g, '').match(/[{}]/g) ?? [];

  for (const lang of LANGS) {
    it(`${lang} writes every placeholder so that it is filled in (a French review found a plural form with a space before its colon shown as typed)`, () => {
      const broken = Object.entries(catalogues[lang]).filter(([, text]) => strayBraces(text).length > 0);
      expect(broken.map(([key]) => key)).toEqual([]);
    });
  }

  it('finds the placeholders and code spans it compares', () => {
    expect(placeholders('wave `{value}` is not a year such as {example}.')).toEqual(['example', 'value']);
    expect(codeSpans('use `--kind` or `{value}`')).toEqual(['`--kind`', '`{value}`']);
    expect(codeSpans('see `x <commande> --help`')).toEqual(codeSpans('see `x <command> --help`'));
    expect(Object.values(english).filter((text) => codeSpans(text).length > 0).length).toBeGreaterThan(10);
  });

  it('French puts a narrow no-break space before : ; ? ! and % (code, placeholders and opening brackets aside)', () => {
    const loose = Object.entries(catalogues.fr).flatMap(([key, text]) =>
      [...text.replace(/`[^`]*`/g, '').replace(/\{\w+(?::[^{}]*)?\}/g, 'X').matchAll(/([^\u202f\u00a0(])([:;?!%])/g)].map((match) => `${key}: ${match[0]}`),
    );
    expect(loose).toEqual([]);
  });

  it('picks the singular or plural word by the rule of the language', () => {
    expect(interpolate('{n} {n:row|rows}', { n: 1 })).toBe('1 row');
    expect(interpolate('{n} {n:row|rows}', { n: '1.476' })).toBe('1.476 rows');
    expect(interpolate('{n} {n:row|rows}', { n: 0 })).toBe('0 rows');
    expect(interpolate('{n} {n:ligne|lignes}', { n: 0 }, translator('fr'))).toBe('0 ligne');
    expect(translator('en')('import.strict_failed', { rejected: 1 })).toBe('1 row rejected and --strict is on; nothing was stored.');
  });

  it('writes a count with the digit grouping of the language, and no other number', () => {
    expect(translator('nl')('input.unknown_districts', { count: 300000, districts: '…' })).toMatch(/^300\.000 wijken staan /);
    expect(translator('fr')('input.unknown_districts', { count: 300000, districts: '…' })).toMatch(/^300\u00a0000 quartiers /);
    expect(translator('en')('input.unknown_districts', { count: 300000, districts: '…' })).toMatch(/^300,000 districts /);
    // A year is not a count: it is written as given.
    expect(translator('nl')('usage.bad_wave', { value: 2026 })).toBe('meting `2026` is geen jaartal zoals 2026.');
    expect(interpolate('{n} {n:row|rows}', { n: 1476 })).toBe('1476 rows');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('nl')('usage.bad_wave', { value: '26' })).toBe('meting `26` is geen jaartal zoals 2026.');
  });

  it('puts a text in on one line, its line breaks escaped, and keeps the template’s own (adversarial run r19b, F4 f)', () => {
    expect(interpolate('written: {path}\nnext', { path: 'x\nerror: a\r\nb\u2028c\u0085.csv' })).toBe('written: x\\u000aerror: a\\u000d\\u000ab\\u2028c\\u0085.csv\nnext');
  });
});
