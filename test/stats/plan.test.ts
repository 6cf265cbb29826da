// Behaviour of survey planning (docs/methods.md section 11) beyond the golden values: rounding, invitations,
// and the minimum detectable change agreeing with the completes that make a change detectable.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { completesForChange, minimumDetectableChange, zTestPower, type WaveSize } from '../../src/stats/detectable.js';
import { completesForHalfWidth, completesToDetect, invitationsFor, powerPropTestN, roundUp } from '../../src/stats/plan.js';

describe('rounding up', () => {
  test('ignores floating-point noise above a whole number', () => {
    expect(700 / 0.7).toBeGreaterThan(1000); // 1000.0000000000001 in doubles
    expect(roundUp(700 / 0.7)).toBe(1000);
  });

  test('rounds anything genuinely above a whole number up', () => {
    expect(roundUp(384.0000001)).toBe(385);
    expect(roundUp(384)).toBe(384);
  });

  // adversarial run r9, F9: a relative allowance for noise (1e-12) grew past a whole unit and rounded huge values down
  test('never rounds a huge requirement down', () => {
    expect(roundUp(428295084894527.4)).toBe(428295084894528);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2 ** 52, noNaN: true }), (value) => roundUp(value) >= value - 1e-6),
    );
    const detect = completesToDetect({ p1: 0.5, p2: 0.5000001, deff: 1.0913534133267753 });
    expect(detect.completes).toBeGreaterThanOrEqual(detect.exact);
    expect(detect.exact).toBeGreaterThan(4e14);
  });

  test('takes the noise off the exact requirement too, so the completes are never below it', () => {
    // this design effect makes the closed form 104.00000000000003 in doubles: 104 completes, not 105
    const noisy = completesForHalfWidth({ halfWidth: 0.05, share: 0.5, deff: 0.27073048249208603, level: 0.95 });
    expect(noisy).toEqual({ exact: 104, completes: 104 });
  });
});

describe('invitations', () => {
  test('are the completes over the response rate, rounded up', () => {
    expect(invitationsFor(700, 0.7)).toBe(1000);
    expect(invitationsFor(300, 0.3)).toBe(1000);
    expect(invitationsFor(301, 0.3)).toBe(1004);
    expect(invitationsFor(385, 1)).toBe(385);
  });

  test('need a response rate in (0, 1]', () => {
    expect(() => invitationsFor(300, 0)).toThrow(RangeError);
    expect(() => invitationsFor(300, 30)).toThrow(RangeError);
  });
});

describe('completes for a half-width', () => {
  test('the textbook case: p = 0.5, +-5 points, simple random sampling needs 385', () => {
    expect(completesForHalfWidth({ halfWidth: 0.05 })).toEqual({ exact: 384.14588206941244, completes: 385 });
  });

  test('scale with the design effect', () => {
    const simple = completesForHalfWidth({ halfWidth: 0.04, share: 0.2 });
    expect(completesForHalfWidth({ halfWidth: 0.04, share: 0.2, deff: 1.5 }).exact).toBeCloseTo(1.5 * simple.exact, 10);
  });

  test('need a positive half-width and a share', () => {
    expect(() => completesForHalfWidth({ halfWidth: 0 })).toThrow(RangeError);
    expect(() => completesForHalfWidth({ halfWidth: 0.05, share: 1.2 })).toThrow(RangeError);
  });
});

describe('completes to detect a change', () => {
  test('do not depend on which share comes first', () => {
    expect(powerPropTestN({ p1: 0.3, p2: 0.2 })).toBe(powerPropTestN({ p1: 0.2, p2: 0.3 }));
  });

  test('counting the other tail (strict) can only lower n', () => {
    for (const [p1, p2] of [[0.1, 0.2], [0.4, 0.5], [0.05, 0.3]]) {
      expect(powerPropTestN({ p1, p2, strict: true })).toBeLessThanOrEqual(powerPropTestN({ p1, p2 }));
    }
  });

  test('are the per-group n times the design effect, rounded up', () => {
    const n = powerPropTestN({ p1: 0.2, p2: 0.15, power: 0.9 });
    expect(completesToDetect({ p1: 0.2, p2: 0.15, power: 0.9, deff: 1.4 })).toEqual({ exact: 1.4 * n, completes: Math.ceil(1.4 * n) });
  });

  test('no change cannot be detected', () => {
    expect(() => powerPropTestN({ p1: 0.2, p2: 0.2 })).toThrow(RangeError);
  });
});

describe('minimum detectable change of a goal', () => {
  const wave = (n: number, deff = 1.3): WaveSize => ({ n, deff });

  test('is detected with exactly 80% power at alpha 0.05', () => {
    const mdc = minimumDetectableChange({ baseline: 0.25, direction: 'decrease', baselineWave: wave(400), deadlineWave: wave(400) })!;
    const se = Math.sqrt((0.25 * 0.75 * 1.3) / 400 + ((0.25 - mdc) * (0.75 + mdc) * 1.3) / 400);
    expect(zTestPower(mdc, se)).toBeCloseTo(0.8, 12);
  });

  test('shrinks as the deadline sample grows', () => {
    const mdcAt = (n: number) => minimumDetectableChange({ baseline: 0.3, direction: 'increase', baselineWave: wave(500), deadlineWave: wave(n) })!;
    expect(mdcAt(1000)).toBeLessThan(mdcAt(500));
    expect(mdcAt(500)).toBeLessThan(mdcAt(200));
  });

  test('is null when no target between the baseline and 0 can be detected', () => {
    expect(minimumDetectableChange({ baseline: 0.02, direction: 'decrease', baselineWave: wave(30), deadlineWave: wave(30) })).toBeNull();
  });

  test('agrees with the completes that make a change detectable', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.double({ min: 0.02, max: 0.04, noNaN: true }),
        fc.integer({ min: 800, max: 3000 }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (baseline, change, n, deff) => {
          const target = baseline - change;
          const needed = completesForChange({ baseline, target, baselineWave: { n, deff }, deadlineDeff: deff });
          if (!needed.possible) {
            // even an endless deadline sample leaves too little power
            expect(needed.maxPower).toBeLessThan(0.8);
            return;
          }
          const mdcWith = (completes: number) => minimumDetectableChange({ baseline, direction: 'decrease', baselineWave: { n, deff }, deadlineWave: { n: completes, deff } });
          expect(mdcWith(needed.completes)!).toBeLessThanOrEqual(change * (1 + 1e-9));
          if (needed.completes > 1) expect(mdcWith(needed.completes - 1)!).toBeGreaterThan(change);
        },
      ),
    );
  });

  test('a change the baseline sample alone cannot show is impossible, with the best power any deadline sample gives', () => {
    const result = completesForChange({ baseline: 0.3, target: 0.28, baselineWave: wave(100), deadlineDeff: 1.3 });
    expect(result.possible).toBe(false);
    if (!result.possible) expect(result.maxPower).toBeCloseTo(zTestPower(0.02, Math.sqrt((0.3 * 0.7 * 1.3) / 100)), 14);
  });

  // adversarial run r38, F3: a baseline of 100% on 30 answers has p(1 - p) = 0, and a 1-point decrease to 99% was
  // "measurable" with an MDC of 6e-61 (on a design effect of noise) or 21 points' worth of nothing at the baseline
  test('a baseline of 0% or 100% takes the variance at the share the change reaches, in both directions', () => {
    for (const [baseline, direction] of [[1, 'decrease'], [0, 'increase']] as const) {
      const mdc = minimumDetectableChange({ baseline, direction, baselineWave: wave(30, 1), deadlineWave: wave(30, 1) })!;
      const reached = direction === 'decrease' ? 1 - mdc : mdc;
      // both waves with the variance of the reached share: d / sqrt(2 r (1 - r) / 30) = delta*, power 80%
      expect(zTestPower(mdc, Math.sqrt((2 * reached * (1 - reached)) / 30))).toBeCloseTo(0.8, 12);
      // by hand from that formula (no R here): d = k / (1 + k), k = 2 * 2.8015852^2 / 30 = 0.52326, so d = 0.3435
      expect(mdc).toBeCloseTo(0.3435, 3);
    }
    // a large deadline sample no longer makes a 1-point change from 100% of 30 answers measurable
    const big = minimumDetectableChange({ baseline: 1, direction: 'decrease', baselineWave: wave(30, 1), deadlineWave: wave(100000, 1) })!;
    expect(big).toBeGreaterThan(0.2);
    // and no number of deadline completes shows it: the baseline itself is too thin
    const needed = completesForChange({ baseline: 1, target: 0.99, baselineWave: wave(30, 1), deadlineDeff: 1 });
    expect(needed.possible).toBe(false);
    // a baseline inside (0, 1) keeps its own variance
    const inside = minimumDetectableChange({ baseline: 0.25, direction: 'decrease', baselineWave: wave(400), deadlineWave: wave(400) })!;
    const se = Math.sqrt((0.25 * 0.75 * 1.3) / 400 + ((0.25 - inside) * (0.75 + inside) * 1.3) / 400);
    expect(zTestPower(inside, se)).toBeCloseTo(0.8, 12);
  });

  test('no change at all is impossible to detect', () => {
    expect(completesForChange({ baseline: 0.3, target: 0.3, baselineWave: wave(1000), deadlineDeff: 1.3 })).toEqual({ possible: false, maxPower: 0.05 });
  });
});
