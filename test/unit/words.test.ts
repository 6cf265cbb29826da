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
    [0.97, '19 in 20'],
  ])('%d reads as about %s', (p, words) => {
    const { k, d } = simpleFraction(p);
    expect(`${k} in ${d}`).toBe(words);
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
});
