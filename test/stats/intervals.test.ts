// Korn-Graubard and t intervals (docs/methods.md section 5) against R's qbeta / qt.
import { describe, expect, test } from 'vitest';
import { betaQuantile, kornGraubard, normalCdf, normalQuantile, seFromInterval, shareEffectiveSize, tInterval, twoSidedP } from '../../src/stats/intervals.js';
import { golden } from './golden-cases.js';

describe('Korn-Graubard intervals', () => {
  test.each(golden.korn_graubard)('p = $p, V = $variance, n = $n, df = $df, level $level matches R', (c) => {
    const interval = kornGraubard(c.p, c.variance, c.n, c.df, c.level)!;
    expect(Math.abs(interval.low - c.low)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(interval.high - c.high)).toBeLessThanOrEqual(1e-6);
    expect(interval.nEff).toBeCloseTo(c.n_eff, 9);
  });

  test('the lower bound is 0 when p = 0 and the upper bound 1 when p = 1', () => {
    expect(kornGraubard(0, 0, 30, 29)!.low).toBe(0);
    expect(kornGraubard(1, 0, 30, 29)!.high).toBe(1);
  });

  test('the effective sample size is capped at n', () => {
    expect(shareEffectiveSize(0.5, 1e-9, 40)).toBe(40);
    expect(shareEffectiveSize(0.5, 0.25 / 20, 40)).toBeCloseTo(20, 12);
  });

  test('more strata (fewer degrees of freedom) widen the interval', () => {
    const wide = kornGraubard(0.3, 0.002, 100, 60)!;
    const narrow = kornGraubard(0.3, 0.002, 100, 99)!;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });
});

describe('beta quantiles', () => {
  // R 4.x: qbeta(0.025, 150.3, 1200.7), qbeta(0.025, 0.01, 5), qbeta(0.025, 0.001, 5), qbeta(0.005, 0.0066, 0.0117).
  test('match R, also far in the tail', () => {
    expect(Math.abs(betaQuantile(0.025, 150.3, 1200.7) - 0.095044062208381602)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(betaQuantile(0.025, 0.01, 5) / 7.803601735629692e-162 - 1)).toBeLessThanOrEqual(1e-9);
  });

  test('a quantile below the smallest double is 0, as R gives (the library reports it as an error)', () => {
    expect(betaQuantile(0.025, 0.001, 5)).toBe(0);
    // R: 1.46e-296 with "full precision may not have been achieved"
    expect(betaQuantile(0.005, 0.0066, 0.0117)).toBe(0);
  });

  test('invalid parameters are still an error', () => {
    expect(() => betaQuantile(0.5, -1, 2)).toThrow(RangeError);
  });
});

describe('t intervals', () => {
  test.each(golden.t_intervals)('estimate $estimate, SE $se, df $df, level $level matches R', (c) => {
    const interval = tInterval(c.estimate, c.se, c.df, c.level)!;
    expect(Math.abs(interval.low - c.low)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(interval.high - c.high)).toBeLessThanOrEqual(1e-6);
  });

  test('there is no t interval without degrees of freedom', () => {
    expect(tInterval(5, 1, 0)).toBeNull();
  });
});

describe('normal distribution helpers', () => {
  test('the normal quantile matches R qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514715, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035488999, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.3613409024040557, 7); // the library is exact to ~1e-8 this far out
    expect(normalQuantile(0.5)).toBe(0);
  });

  test('two-sided p-values come from the standard normal', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(0)).toBe(1);
  });

  test('the normal distribution function is 0 and 1 in its far tails, never NaN (adversarial run r38, F2)', () => {
    // the library gave NaN for some arguments beyond 1e5 and at infinity
    for (const x of [-527847228.79508865, -1e5 * 1.7, -1e8, -1e300, -Infinity]) expect(normalCdf(x), String(x)).toBe(0);
    for (const x of [527847228.79508865, 1e8, Infinity]) expect(normalCdf(x), String(x)).toBe(1);
    for (const z of [527847228.79508865, -1e7, 40, Infinity]) expect(twoSidedP(z), String(z)).toBe(0);
    expect(normalCdf(-10)).toBeCloseTo(7.619853024160527e-24, 36); // R: pnorm(-10)
    expect(twoSidedP(5)).toBeCloseTo(5.733031437583878e-7, 20); // R: 2 * pnorm(-5)
  });

  test('a benchmark SE comes from its published 95% interval as (upper - lower) / (2 * 1.96)', () => {
    expect(seFromInterval(0.4, 0.5)).toBeCloseTo(0.1 / 3.92, 15);
    expect(seFromInterval(0.4, 0.5, 0.9)).toBeCloseTo(0.1 / (2 * 1.6448536269514715), 13);
  });
});
