// Comparisons (docs/methods.md section 8) against R: two waves, a district against the whole area, BH.
import { describe, expect, test } from 'vitest';
import { benjaminiHochberg, compareDistrictsToTotal, compareIndependent, type Comparison } from '../../src/stats/compare.js';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains } from '../../src/stats/estimate.js';
import { weight } from '../../src/stats/weighting.js';
import { frameOf, golden, loadCase, marginsOf, optionsOf, valuesOf, type GoldenComparison } from './golden-cases.js';

function estimatesOf(name: string) {
  const input = loadCase(name);
  const result = weight(frameOf(input), marginsOf(input), optionsOf(input));
  if (!result.ok) throw new Error(name);
  const y = designValues(result.design, valuesOf(input, 'unsafe'));
  return { design: result.design, estimates: estimateDomains(result.design, y, 'share', { thresholds: { minCell: 1 }, returnInfluence: true }) };
}

function expectComparison(actual: Comparison, expected: GoldenComparison, label: string) {
  if (expected.diff === null) {
    expect(actual, label).toEqual({ diff: null, se: null, z: null, p: null });
    return;
  }
  expect(Math.abs(actual.diff! - expected.diff), `${label} diff`).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(actual.se! / expected.se! - 1), `${label} se`).toBeLessThanOrEqual(1e-6);
  expect(Math.abs(actual.z! / expected.z! - 1), `${label} z`).toBeLessThanOrEqual(1e-6);
  expect(Math.abs(actual.p! - expected.p!), `${label} p`).toBeLessThanOrEqual(1e-7);
}

describe('two independent waves', () => {
  const first = estimatesOf('realistic').estimates;
  const second = estimatesOf('realistic-wave2').estimates;
  const reference = golden.comparisons.waves_unsafe;

  test('diff, SE, z and p match R for every district and the whole area', () => {
    reference.districts.forEach((expected, h) => {
      expectComparison(compareIndependent(first.districts[h], second.districts[h]), expected, `district ${h}`);
    });
    expectComparison(compareIndependent(first.total, second.total), reference.total, 'whole area');
  });

  test('a side without an estimate leaves nothing to test', () => {
    expect(compareIndependent({ estimate: null, se: null }, { estimate: 0.4, se: 0.05 })).toEqual({ diff: null, se: null, z: null, p: null });
  });

  test('two estimates without sampling error give a difference but no test', () => {
    expect(compareIndependent({ estimate: 0.2, se: 0 }, { estimate: 0.5, se: 0 })).toEqual({ diff: 0.3, se: 0, z: null, p: null });
  });

  test('two reliable estimates without sampling error differ for certain (p = 0), or not at all (z = 0, p = 1)', () => {
    const certain = { certainWithoutError: true };
    expect(compareIndependent({ estimate: 0, se: 0 }, { estimate: 1, se: 0 }, certain)).toEqual({ diff: 1, se: 0, z: null, p: 0 });
    expect(compareIndependent({ estimate: 1, se: 0 }, { estimate: 1, se: 0 }, certain)).toEqual({ diff: 0, se: 0, z: 0, p: 1 });
    // one side with sampling error is the ordinary test
    expect(compareIndependent({ estimate: 0, se: 0 }, { estimate: 0.5, se: 0.05 }, certain).p).toBeLessThan(1e-20);
    expect(compareIndependent({ estimate: 0, se: 0 }, { estimate: 0.5, se: 0.05 }, certain).z).toBeCloseTo(10, 10);
  });

  test('a change over a float-noise SE (z in the hundreds of millions) has p = 0, not NaN (adversarial run r38, F2)', () => {
    // the whole area from 0% to 50% with SE 9.5e-10: the library's normal tail gave NaN at this z
    const noise = compareIndependent({ estimate: 0, se: 0 }, { estimate: 0.5, se: 9.472437719173875e-10 }, { certainWithoutError: true });
    expect(noise.z).toBeCloseTo(527847228.79508865, 0);
    expect(noise.p).toBe(0);
    for (const se of [1e-3, 1e-6, 1e-9, 1e-12, 1e-150]) {
      const { p } = compareIndependent({ estimate: 0.2, se: 0 }, { estimate: 0.5, se });
      expect(p, String(se)).not.toBeNaN();
      expect(p, String(se)).toBeLessThan(1e-20);
    }
    // an ordinary z keeps its p-value
    expect(compareIndependent({ estimate: 0.4, se: 0.03 }, { estimate: 0.5, se: 0.04 }).p).toBeCloseTo(0.04550026389635842, 14);
  });
});

describe('a district against the whole area', () => {
  const { design, estimates } = estimatesOf('realistic');
  const reference = golden.comparisons.district_vs_total_unsafe;

  test('the covariance of the stacked influence values gives R svyrecvar answers', () => {
    const comparisons = compareDistrictsToTotal(design, estimates);
    reference.forEach((expected, h) => {
      expectComparison(comparisons[h], expected, `district ${h}`);
    });
  });

  test('the overlap makes the test sharper than treating the two as independent', () => {
    const overlap = compareDistrictsToTotal(design, estimates)[2];
    const independent = compareIndependent(estimates.total, estimates.districts[2]);
    expect(overlap.diff).toBeCloseTo(independent.diff!, 15);
    expect(overlap.se!).toBeLessThan(independent.se!);
  });

  test('it needs the influence values', () => {
    const { influence: _, ...withoutInfluence } = estimates;
    expect(() => compareDistrictsToTotal(design, withoutInfluence)).toThrow(TypeError);
  });
});

describe('Benjamini-Hochberg', () => {
  test.each(golden.benjamini_hochberg.map((c, k) => ({ ...c, k })))('adjusted p-values equal R p.adjust(method = "BH"), vector $k', ({ p, adjusted }) => {
    const actual = benjaminiHochberg(p);
    adjusted.forEach((expected, i) => {
      if (expected === null) expect(actual[i]).toBeNull();
      else expect(Math.abs(actual[i]! - expected)).toBeLessThanOrEqual(1e-15);
    });
  });

  test('an empty list and a list of nulls stay as they are', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
  });
});
