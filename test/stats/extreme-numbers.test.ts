// Extreme but valid numbers (weights, populations, scores at the edge of what doubles hold) never give a
// confident number, a NaN flagged ok, an exception or a hang: the estimate is withheld and says why.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compositeScore } from '../../src/stats/composite.js';
import { estimateDomains, type Estimate } from '../../src/stats/estimate.js';
import { reliabilityFlag, type FlagInput } from '../../src/stats/flags.js';
import { betaQuantile, kornGraubard, tInterval } from '../../src/stats/intervals.js';
import { frameOf, fullRows, marginsOf, randomStream, weighted, type Row } from './fixtures.js';

/** Every estimate either withholds its numbers and says why, or gives finite ones. */
function expectHonest(estimate: Estimate) {
  if (estimate.estimate === null) {
    expect(estimate.flag).not.toBe('ok');
    expect(estimate.suppression !== undefined || estimate.notFinite === true).toBe(true);
    expect([estimate.se, estimate.ciLow, estimate.ciHigh, estimate.nEff, estimate.deff]).toEqual([null, null, null, null, null]);
    return;
  }
  for (const value of [estimate.estimate, estimate.se, estimate.nEff]) expect(Number.isFinite(value)).toBe(true);
  if (estimate.flag === 'ok') {
    expect(Number.isFinite(estimate.ciLow)).toBe(true);
    expect(Number.isFinite(estimate.ciHigh)).toBe(true);
  }
}

const shares = (n: number, seed: number) => {
  const next = randomStream(seed);
  return Float64Array.from({ length: n }, () => (next() < 0.3 ? 1 : 0));
};

/** A wave of five districts with supplied weights (as monitor microdata bring), not calibrated. */
function suppliedWeights(weight: number) {
  const rows: Row[] = Array.from({ length: 100 }, (_, i) => [i % 5, i % 2, 0, weight]);
  return weighted(frameOf(rows, 5), null).design;
}

describe('sums that overflow or underflow (finding 14)', () => {
  test('a population of 1e307 in every cell: the whole area sums to Infinity, and its estimate is withheld, not a confident 0', () => {
    const frame = frameOf(fullRows(5, 2, 3), 5);
    const { design } = weighted(frame, marginsOf(5, 2, () => 1e307));
    const result = estimateDomains(design, shares(design.n, 1), 'share');
    expect(result.total).toMatchObject({ estimate: null, se: null, flag: 'unreliable', notFinite: true, n: design.n });
    for (const estimate of [...result.districts, result.total]) expectHonest(estimate);
  });

  test.each([1e308, 1e300, 5e-324, 1e-300])('supplied weights of %s give withheld estimates, not an exception from the beta quantile', (w) => {
    const design = suppliedWeights(w);
    for (const type of ['share', 'mean'] as const) {
      const result = estimateDomains(design, shares(design.n, 2), type);
      for (const estimate of [...result.districts, result.total]) {
        expect(estimate).toMatchObject({ estimate: null, flag: 'unreliable', notFinite: true });
        expectHonest(estimate);
      }
    }
  });

  test('ordinary weights are untouched by the guard: 1e-6 (normalised) and 1e6 (national populations) give the same shares', () => {
    const y = shares(100, 3);
    const small = estimateDomains(suppliedWeights(1e-6), y, 'share').total;
    const large = estimateDomains(suppliedWeights(1e6), y, 'share').total;
    expect(small.notFinite).toBeUndefined();
    expect(small.estimate).toBeCloseTo(large.estimate!, 14);
    expect(small.flag).toBe(large.flag);
  });
});

/** Finite doubles across the whole range, the edges included. */
const extreme = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-320, 1e-300, 1e-100, 1e-20, 1e-5, 1e-3, 0.5, 1, 2, 1e6, 1e12, 1e15, 1e20, 1e100, 1e300, 1e308, Number.MAX_VALUE),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
);
const probability = fc.oneof(fc.constantFrom(0, 5e-324, 1e-300, 0.005, 0.025, 0.5, 0.975, 0.995, 1 - 1e-16, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('quantiles and intervals on extreme inputs (finding 14)', () => {
  test('the beta quantile never throws or hangs on valid parameters, and is a number in 0..1', () => {
    fc.assert(
      fc.property(probability, extreme, extreme, (p, a, b) => {
        const q = betaQuantile(p, a, b);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    // [p, a, b, R's qbeta or the exact limit]
    [0.025, 1e-300, 1e-20, 0], // the library loops for ever here
    [0.975, 1e-300, 1e-20, 0], // nearly all the mass at 0
    [0.025, 1e-20, 1e-300, 1], // nearly all the mass at 1
    [0.025, 1e300, 1e300, 0.5], // the library reports a loss of precision
    [0.025, 1e15, 1e15, 0.5 - 1.959963984540054 * Math.sqrt(0.25 / (2e15 + 1))], // the library is off by 5e-5 here
    [0.975, 5, 5e-324, 1], // all the mass at 1: the lower tail of the old code said 0
    [0.975, 1e-300, 1e6, 0], // underflow: below the smallest double
    [0.025, 1e308, 1, 1],
  ])('Beta quantile %s of (%s, %s) is %s', (p, a, b, expected) => {
    expect(betaQuantile(p, a, b)).toBeCloseTo(expected, 12);
  });

  test('invalid parameters are still an error', () => {
    for (const [p, a, b] of [[0.5, -1, 2], [0.5, NaN, 2], [1.5, 1, 1], [0.5, Infinity, Infinity]]) expect(() => betaQuantile(p, a, b)).toThrow(RangeError);
  });

  test('a Korn-Graubard interval is a valid interval around p, or null when the numbers make none', () => {
    const anyDouble = fc.oneof(extreme, fc.double({ noNaN: false }));
    fc.assert(
      fc.property(fc.oneof(probability, anyDouble), fc.oneof(extreme, anyDouble), fc.oneof(fc.integer({ min: 0, max: 1e7 }), extreme), fc.oneof(fc.integer({ min: -5, max: 1e7 }), extreme), (p, variance, n, df) => {
        const interval = kornGraubard(p, variance, n, df);
        if (!(p >= 0 && p <= 1 && variance >= 0 && Number.isFinite(variance) && n >= 1 && Number.isFinite(n) && Number.isFinite(df))) {
          expect(interval).toBeNull();
          return;
        }
        expect(interval).not.toBeNull();
        expect(0 <= interval!.low && interval!.low <= p && p <= interval!.high && interval!.high <= 1).toBe(true);
        expect(interval!.nEff >= 0 && interval!.nEff <= n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('a t interval is finite around the estimate, or null', () => {
    fc.assert(
      fc.property(fc.double(), fc.oneof(extreme, fc.double()), fc.oneof(fc.integer({ min: -3, max: 1e7 }), extreme, fc.double()), (estimate, se, df) => {
        const interval = tInterval(estimate, se, df);
        if (interval === null) return;
        expect(Number.isFinite(interval.low) && Number.isFinite(interval.high)).toBe(true);
        expect(interval.low <= estimate && estimate <= interval.high).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('degrees of freedom beyond what the library takes use the normal limit', () => {
    expect(tInterval(0, 1, 1e15)!.high).toBeCloseTo(1.959963984540054, 12);
    expect(tInterval(0, 1, 0.5)).toBeNull();
  });
});

describe('NaN is never ok (finding 15)', () => {
  test('an item scale without width (values [1, 1, 1]) is an error, not a NaN score', () => {
    const item = (lo: number, hi: number) => ({ values: Float64Array.from([1, 1, 2]), lo, hi });
    expect(() => compositeScore([item(1, 1), item(1, 5)], 1)).toThrow(RangeError);
    expect(() => compositeScore([{ ...item(1, 5), weight: NaN }], 1)).toThrow(RangeError);
    expect(Array.from(compositeScore([item(1, 5)], 1))).toEqual([0, 0, 2.5]);
  });

  const solid: FlagInput = { type: 'mean', n: 400, estimate: 5, se: 0.1, nEff: 300, ci: { low: 4.8, high: 5.2 } };
  test.each<[string, Partial<FlagInput>]>([
    ['estimate', { estimate: NaN }],
    ['estimate', { estimate: Infinity }],
    ['SE', { se: NaN }],
    ['SE', { se: Infinity }],
    ['n_eff', { nEff: NaN }],
    ['interval', { ci: { low: NaN, high: 5.2 } }],
    ['interval', { ci: { low: 4.8, high: Infinity } }],
    ['n', { n: NaN }],
  ])('a non-finite %s is never flagged ok', (_, change) => {
    expect(reliabilityFlag(solid)).toBe('ok');
    expect(reliabilityFlag({ ...solid, ...change })).not.toBe('ok');
    expect(reliabilityFlag({ ...solid, type: 'share', estimate: 0.5, ...change, ci: change.ci ?? { low: 0.45, high: 0.55 } })).not.toBe('ok');
  });

  test('scores that are not finite (what a scale without width made) give a withheld estimate, not NaN flagged ok', () => {
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => [i % 2, i % 2, 0]);
    const design = weighted(frameOf(rows, 2), null).design;
    const y = Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? Infinity : 0));
    const result = estimateDomains(design, y, 'mean');
    for (const estimate of [...result.districts, result.total]) {
      expect(estimate).toMatchObject({ estimate: null, flag: 'unreliable', notFinite: true });
    }
  });

  test('a score everyone gives alike (all answers "always": an index of 10) has n_eff = n, not rounding noise over rounding noise', () => {
    const next = randomStream(9);
    const rows: Row[] = [...fullRows(6, 3, 4), ...Array.from({ length: 300 }, (): Row => [Math.floor(next() * 6), next() < 0.5 ? 1 : 0, Math.floor(next() * 3)])];
    const { design } = weighted(frameOf(rows, 6), marginsOf(6, 3, (d, s, a) => 900 + 170 * d + 60 * s + 130 * a));
    const result = estimateDomains(design, new Float64Array(design.n).fill(10), 'mean');
    for (const estimate of [...result.districts, result.total]) {
      expect(estimate.estimate).toBeCloseTo(10, 12);
      expect(estimate.nEff).toBe(estimate.n);
      expect(estimate.flag).toBe('ok');
    }
  });

  test('whatever the answers, an estimate is finite or withheld with a reason', () => {
    const answer = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0, 1), fc.double());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), answer), { minLength: 1, maxLength: 80 }), fc.constantFrom('share' as const, 'mean' as const), (answers, type) => {
        const design = weighted(frameOf(answers.map(([d]): Row => [d, 0, 0]), 4), null).design;
        const result = estimateDomains(design, Float64Array.from(answers, ([, y]) => y), type, { thresholds: { minCell: 2 } });
        for (const estimate of [...result.districts, result.total]) expectHonest(estimate);
      }),
    );
  });
});
