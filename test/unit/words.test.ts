// Plain words for estimates in the reports: simple fractions and ranges people can read.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import type { IndicatorRow } from '../../src/indicators/engine.js';
import { plainEstimate, simpleFraction } from '../../src/report/words.js';

const row = (estimate: number | null, ciLow: number | null, ciHigh: number | null, flag: IndicatorRow['flag'] = 'ok', kind: IndicatorRow['kind'] = 'share'): IndicatorRow => ({
  indicator: 'x',
  kind,
  district: 'D',
  wave: '2026',
  estimate,
  se: 0.01,
  ciLow,
  ciHigh,
  ciMethod: 'korn-graubard',
  n: 100,
  nEff: 100,
  deff: 1,
  flag,
});

describe('simple fractions', () => {
  it.each([
    [0.25, '1 in 4'],
    [0.26, '1 in 4'],
    [0.5, '1 in 2'],
    [0.66, '2 in 3'],
    [0.375, '3 in 8'],
    [0.122, '1 in 8'],
    [0.066, '1 in 15'],
    [0.02, '1 in 50'],
    [0.9, '9 in 10'],
    [0.97, '32 in 33'],
    [0.999, '999 in 1000'],
  ])('%d reads as about %s', (p, words) => {
    const fraction = simpleFraction(p);
    expect(fraction === null ? null : `${fraction.k} in ${fraction.d}`).toBe(words);
  });

  it('never reads as a value outside the interval beside it (many shares and intervals)', () => {
    // a fixed pseudo-random sequence, so a failure repeats
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const cases: [number, number, number][] = [
      [0.99, 0.985, 1],
      [0.96, 0.955, 0.965],
      [0.255, 0.254, 0.256],
      [0.01, 0, 0.012],
      [0.5, 0.5, 0.5],
    ];
    for (let i = 0; i < 20000; i++) {
      const p = random();
      const width = random() ** 3 * 0.3;
      cases.push([p, Math.max(0, p - width * random()), Math.min(1, p + width * random())]);
    }
    for (const [p, low, high] of cases) {
      const fraction = simpleFraction(p, low, high);
      if (fraction === null) continue;
      const value = fraction.k / fraction.d;
      expect(value >= low - 1e-9 && value <= high + 1e-9, `${p} [${low}, ${high}] read as ${fraction.k} in ${fraction.d}`).toBe(true);
    }
    expect(simpleFraction(0.96, 0.955, 0.965)).toEqual({ k: 24, d: 25 });
  });
});

describe('estimates in words', () => {
  const en = translator('en');
  const nl = translator('nl');
  it('gives a share as a fraction with its range in whole percentages', () => {
    expect(plainEstimate(row(0.255, 0.212, 0.293), en)).toBe('about 1 in 4 residents (between 21% and 29%)');
  });

  it('marks an uncertain estimate and hides a suppressed one', () => {
    expect(plainEstimate(row(0.3, 0.1, 0.6, 'unreliable'), en)).toBe('about 3 in 10 residents (between 10% and 60%; uncertain: few answers)');
    expect(plainEstimate(row(0.3, null, null, 'unreliable'), en)).toBe('about 3 in 10 residents (uncertain: few answers)');
    expect(plainEstimate(row(null, null, null, 'suppressed'), en)).toBe('too few answers to say');
  });

  it('gives a score out of 10 with its range, in the language', () => {
    expect(plainEstimate(row(3.14, 3.02, 3.24, 'ok', 'score'), en)).toBe('3.1 out of 10 (between 3.0 and 3.2)');
    expect(plainEstimate(row(3.14, 3.02, 3.24, 'ok', 'score'), nl)).toMatch(/^3,1 /);
  });

  it('says none for a share of zero', () => {
    expect(plainEstimate(row(0, 0, 0.23), en)).toMatch(/^none of the residents who answered/);
  });

  it('says all for a share of 100%, never a fraction below its interval', () => {
    const fr = translator('fr');
    expect(plainEstimate(row(1, 0.98, 1), en)).toBe('all of the residents who answered (between 98% and 100%)');
    expect(plainEstimate(row(1, 0.98, 1), nl)).toBe('alle bewoners die antwoordden (tussen 98% en 100%)');
    expect(plainEstimate(row(1, 0.98, 1), fr)).toBe('tous les habitants ayant répondu (entre 98\u202f% et 100\u202f%)');
    expect(plainEstimate(row(0.995, 0.99, 1), en)).toBe('about 199 in 200 residents (between 99% and 100%)');
  });

  it('gives the percentage when no simple fraction lies within the interval', () => {
    expect(plainEstimate(row(0.255, 0.2545, 0.2555), en)).toBe('about 26% of the residents (between 25% and 26%)');
  });
});
