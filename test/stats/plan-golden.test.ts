// Survey planning (docs/methods.md section 11) against R: power.prop.test, the half-width closed form, and the
// minimum detectable change computed independently with uniroot (test/golden/make-plan-golden.R).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  completesForChange,
  completesForChangeOfMean,
  completesPerWaveForChange,
  completesPerWaveForChangeOfMean,
  minimumDetectableChange,
  minimumDetectableChangeOfMean,
  type Direction,
} from '../../src/stats/detectable.js';
import { completesForHalfWidth, completesToDetect, powerPropTestN } from '../../src/stats/plan.js';

interface PlanGolden {
  power_prop_test: Array<{ p1: number; p2: number; power: number; alpha: number; n: number; n_default_tol: number; n_strict: number; completes: number }>;
  half_width: Array<{ share: number; half_width: number; deff: number; n: number; completes: number }>;
  detectable: Array<{
    baseline: number;
    direction: Direction;
    target: number;
    baseline_wave: { n: number; deff: number };
    deadline_wave: { n: number; deff: number };
    mdc: number | null;
    completes_for_change: { possible: true; n: number; completes: number } | { possible: false; max_power: number };
  }>;
  per_wave: Array<{ baseline: number; target: number; deff: number; n: number; completes: number }>;
  means: Array<{
    spread: number;
    change: number;
    baseline_wave: { n: number; deff: number };
    deadline_wave: { n: number; deff: number };
    mdc: number;
    completes_for_change: { possible: true; n: number; completes: number } | { possible: false; max_power: number };
    per_wave: { n: number; completes: number };
  }>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/plan-golden.json', import.meta.url), 'utf8')) as PlanGolden;
const TOLERANCE = 1e-6; // relative

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("per-group n of R's power.prop.test", () => {
  test.each(golden.power_prop_test)('p1 $p1 -> p2 $p2, power $power, alpha $alpha', (c) => {
    const n = powerPropTestN({ p1: c.p1, p2: c.p2, alpha: c.alpha, power: c.power });
    expect(relative(n, c.n), `${n} vs R ${c.n}`).toBeLessThanOrEqual(TOLERANCE);
    // R's default uniroot tolerance moves n by about 1e-4: still within 1e-6 relative at these sizes
    expect(relative(n, c.n_default_tol)).toBeLessThanOrEqual(TOLERANCE);
    const strict = powerPropTestN({ p1: c.p1, p2: c.p2, alpha: c.alpha, power: c.power, strict: true });
    expect(relative(strict, c.n_strict), `strict ${strict} vs R ${c.n_strict}`).toBeLessThanOrEqual(TOLERANCE);
  });

  test.each(golden.power_prop_test)('p1 $p1 -> p2 $p2, power $power, alpha $alpha: rounded up as ceiling(R n)', (c) => {
    expect(completesToDetect({ p1: c.p1, p2: c.p2, alpha: c.alpha, power: c.power }).completes).toBe(c.completes);
  });
});

describe('completes for a half-width', () => {
  test.each(golden.half_width)('p $share, h $half_width, deff $deff', (c) => {
    const result = completesForHalfWidth({ share: c.share, halfWidth: c.half_width, deff: c.deff });
    expect(relative(result.exact, c.n), `${result.exact} vs R ${c.n}`).toBeLessThanOrEqual(TOLERANCE);
    expect(result.completes).toBe(c.completes);
  });
});

describe('minimum detectable change of a goal', () => {
  test.each(golden.detectable)('baseline $baseline, $direction to $target', (c) => {
    const mdc = minimumDetectableChange({ baseline: c.baseline, direction: c.direction, baselineWave: c.baseline_wave, deadlineWave: c.deadline_wave });
    if (c.mdc === null) expect(mdc).toBeNull();
    else expect(relative(mdc!, c.mdc), `${mdc} vs R ${c.mdc}`).toBeLessThanOrEqual(TOLERANCE);
  });

  test.each(golden.detectable)('baseline $baseline, $direction to $target: completes that make it detectable', (c) => {
    const result = completesForChange({ baseline: c.baseline, target: c.target, baselineWave: c.baseline_wave, deadlineDeff: c.deadline_wave.deff });
    const expected = c.completes_for_change;
    expect(result.possible).toBe(expected.possible);
    if (result.possible && expected.possible) {
      expect(relative(result.exact, expected.n)).toBeLessThanOrEqual(TOLERANCE);
      expect(result.completes).toBe(expected.completes);
    } else if (!result.possible && !expected.possible) {
      expect(relative(result.maxPower, expected.max_power)).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});

describe('completes in each of two new waves (a new baseline and the deadline)', () => {
  test.each(golden.per_wave)('baseline $baseline to $target, deff $deff', (c) => {
    const result = completesPerWaveForChange({ baseline: c.baseline, target: c.target, deff: c.deff });
    expect(relative(result.exact, c.n), `${result.exact} vs R ${c.n}`).toBeLessThanOrEqual(TOLERANCE);
    expect(result.completes).toBe(c.completes);
  });
});

describe('means and scores: both waves with the baseline spread', () => {
  test.each(golden.means)('s2 $spread, change $change: minimum detectable change', (c) => {
    const mdc = minimumDetectableChangeOfMean({ spread: c.spread, baselineWave: c.baseline_wave, deadlineWave: c.deadline_wave });
    expect(relative(mdc, c.mdc), `${mdc} vs R ${c.mdc}`).toBeLessThanOrEqual(TOLERANCE);
  });

  test.each(golden.means)('s2 $spread, change $change: completes at the deadline and per new wave', (c) => {
    const result = completesForChangeOfMean({ spread: c.spread, change: c.change, baselineWave: c.baseline_wave, deadlineDeff: c.deadline_wave.deff });
    const expected = c.completes_for_change;
    expect(result.possible).toBe(expected.possible);
    if (result.possible && expected.possible) {
      expect(relative(result.exact, expected.n)).toBeLessThanOrEqual(TOLERANCE);
      expect(result.completes).toBe(expected.completes);
    } else if (!result.possible && !expected.possible) {
      expect(relative(result.maxPower, expected.max_power)).toBeLessThanOrEqual(TOLERANCE);
    }
    const perWave = completesPerWaveForChangeOfMean({ spread: c.spread, change: c.change, deff: c.baseline_wave.deff });
    expect(relative(perWave.exact, c.per_wave.n)).toBeLessThanOrEqual(TOLERANCE);
    expect(perWave.completes).toBe(c.per_wave.completes);
  });
});
