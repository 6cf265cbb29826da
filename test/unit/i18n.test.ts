// The message catalogue: every key in every language, with the same placeholders and code spans.
import { describe, expect, it } from 'vitest';
import { LANGS, catalogues, interpolate, translator } from '../../src/i18n/index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const codeSpans = (text: string) => [...text.matchAll(/`[^`]*`/g)].map((m) => m[0]).filter((span) => !/\{\w+\}/.test(span) || true).length;

describe('the message catalogue', () => {
  const english = catalogues.en;
  for (const lang of LANGS) {
    it(`${lang} has every key, none empty`, () => {
      const missing = Object.keys(english).filter((key) => !(key in catalogues[lang]));
      expect(missing).toEqual([]);
      const empty = Object.entries(catalogues[lang]).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
      expect(Object.keys(catalogues[lang])).toHaveLength(Object.keys(english).length);
    });

    it(`${lang} keeps every placeholder and code span of the English text`, () => {
      const different = Object.entries(english).filter(([key, text]) => {
        const other = catalogues[lang][key as keyof typeof english];
        return placeholders(other).join() !== placeholders(text).join() || codeSpans(other) !== codeSpans(text);
      });
      expect(different.map(([key]) => key)).toEqual([]);
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('nl')('usage.bad_wave', { value: '26' })).toMatch(/26/);
  });
});
