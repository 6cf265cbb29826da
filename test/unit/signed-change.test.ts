// A change written with its sign: a value that rounds to zero at the digits shown reads as an exact zero does
// ("±0.0"), never "−0.0" (adversarial run r17b, finding 4).
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { changeText, formatNumber, givenNumberText, pValueText, signedText } from '../../src/render/numbers.js';
import { formatChange } from '../../src/render/compare/render.js';

describe('a signed change', () => {
  it('is ±0.0 for every value written as zero at its precision, in every language and from every formatter', () => {
    for (const value of [0, -0, -0.04, 0.04, -0.0499, -1e-12]) {
      expect(signedText(value, 'en', 1), String(value)).toBe('±0.0');
      expect(signedText(value, 'nl', 1), String(value)).toBe('±0,0');
      expect(formatChange(value, 'score', 'en'), String(value)).toBe('±0.0');
      expect(formatChange(value / 100, 'share', 'fr'), String(value)).toBe('±0,0');
      expect(changeText(value, 'score', translator('en')), String(value)).toBe('±0.0');
    }
    expect(formatChange(-0.004, 'mean', 'en')).toBe('±0.00');
    expect(formatChange(-0.006, 'mean', 'en')).toBe('−0.01');
    expect(changeText(-0.0004, 'share', translator('en'))).toBe(changeText(0, 'share', translator('en')));
  });
  it('keeps its sign when it is not written as zero', () => {
    expect(signedText(-0.05, 'en', 1)).toBe('−0.1');
    expect(signedText(0.06, 'en', 1)).toBe('+0.1');
    expect(formatChange(-0.123, 'share', 'en')).toBe('−12.3');
    expect(signedText(1234.5, 'nl', 1)).toBe('+1.234,5');
  });
});

describe('a number the user gave (an item weight)', () => {
  it.each([
    [2, '2'],
    [0.25, '0.25'],
    [0.5, '0.50'],
    [0.000001, '0.000001'],
    [1e-9, '0.000000001'],
    [1 / 3, '0.333333'],
    [1.000001, '1.000001'],
  ])('%d reads %s, never 0 when it is not', (value, text) => {
    expect(givenNumberText(value, 'en')).toBe(text);
  });

  it('writes the decimal comma in Dutch and French', () => {
    expect(givenNumberText(0.000001, 'nl')).toBe('0,000001');
    expect(givenNumberText(0.000001, 'fr')).toBe('0,000001');
  });
});

describe('a number that is not finite', () => {
  it('reads as not available, never NaN or Infinity, in every language (adversarial run r38, F2)', () => {
    for (const lang of ['en', 'nl', 'fr'] as const) {
      for (const value of [Number.NaN, Infinity, -Infinity]) {
        expect(formatNumber(value, lang, 3), `${lang} ${value}`).toBe('–');
        expect(pValueText(value, translator(lang)), `${lang} ${value}`).toBe('–');
      }
    }
    // finite numbers as before
    expect(pValueText(0.0456, translator('nl'))).toBe('0,046');
    expect(pValueText(0, translator('en'))).toBe('< 0.001');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
  });
});
