// Estimates, standard errors and flags (docs/methods.md sections 3-6) on small hand-made designs.
import { describe, expect, test } from 'vitest';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains } from '../../src/stats/estimate.js';
import { kornGraubard } from '../../src/stats/intervals.js';
import { frameOf, fullRows, marginsOf, randomStream, weighted, type Row } from './fixtures.js';

/** An unweighted design with the given districts of each respondent. */
function unweighted(districts: number[], districtCount = Math.max(...districts) + 1) {
  return weighted(frameOf(districts.map((d): Row => [d, 0, 0]), districtCount), null).design;
}

const everyone = { thresholds: { minCell: 1, minNEff: 0 } };

describe('point estimates', () => {
  test('the estimate is the weighted mean of the valid answers', () => {
    const { design } = weighted(frameOf([[0, 0, 0, 1], [0, 0, 0, 3], [0, 0, 0, 4], [1, 0, 0, 2]], 2), null);
    const result = estimateDomains(design, Float64Array.from([1, 0, NaN, 1]), 'share', everyone);
    expect(result.districts[0].estimate).toBe(0.25);
    expect(result.districts[0].n).toBe(2);
    expect(result.total.estimate).toBeCloseTo(3 / 6, 15);
    expect(result.total.n).toBe(3);
  });

  test('y must have one value per design row', () => {
    expect(() => estimateDomains(unweighted([0, 0]), new Float64Array(3), 'share')).toThrow(RangeError);
  });
});

describe('standard errors', () => {
  test('one unweighted district gives the with-replacement variance p(1-p)/(n-1) and deff n/(n-1)', () => {
    const y = Float64Array.from([1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const { total } = estimateDomains(unweighted(new Array(12).fill(0)), y, 'share', everyone);
    const p = 4 / 12;
    expect(total.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / 11), 15);
    expect(total.deff).toBeCloseTo(12 / 11, 12);
    expect(total.df).toBe(11);
  });

  test('a stratum with one respondent contributes nothing to the variance', () => {
    const y = Float64Array.from([1, 0, 0, 1, 1, 0]);
    const design = unweighted([0, 0, 0, 0, 0, 1]);
    const result = estimateDomains(design, y, 'share', everyone);
    expect(result.singletonStrata).toEqual([1]);
    expect(result.districts[1]).toMatchObject({ estimate: 0, se: 0, n: 1, df: 0 });
    // By hand: only stratum 0 counts, z = (y - 0.5) / 6 around its stratum mean.
    const z = [0.5, -0.5, -0.5, 0.5, 0.5].map((r) => r / 6);
    const mean = z.reduce((a, b) => a + b) / 5;
    const variance = (5 / 4) * z.reduce((sum, v) => sum + (v - mean) ** 2, 0);
    expect(result.total.se).toBeCloseTo(Math.sqrt(variance), 15);
    expect(result.total.df).toBe(6 - 2);
  });

  test('respondents with a missing answer stay in n_h with z = 0', () => {
    const y = Float64Array.from([1, 0, NaN, 1]);
    const { districts } = estimateDomains(unweighted([0, 0, 0, 0]), y, 'share', everyone);
    const z = [1 / 3, -2 / 3, 0, 1 / 3].map((v) => v / 3);
    const mean = z.reduce((a, b) => a + b) / 4;
    expect(districts[0].se).toBeCloseTo(Math.sqrt((4 / 3) * z.reduce((s, v) => s + (v - mean) ** 2, 0)), 15);
  });

  test('raking removes the part of the variance the margins explain', () => {
    const next = randomStream(3);
    const rows: Row[] = [...fullRows(1, 2, 5), ...Array.from({ length: 60 }, (): Row => [0, next() < 0.6 ? 1 : 0, next() < 0.7 ? 1 : 0])];
    const frame = frameOf(rows, 1);
    // The answer is the respondent's sex: calibrated to the sex margin, it has no sampling error left.
    const raked = weighted(frame, marginsOf(1, 2, () => 1000)).design;
    const y = designValues(raked, Float64Array.from(frame.sex));
    const { total } = estimateDomains(raked, y, 'share', everyone);
    expect(total.estimate).toBeCloseTo(0.5, 9);
    expect(total.se).toBeLessThan(1e-12);
  });

  test('after the raking adjustment the influence values have no mean left in any margin cell', () => {
    const next = randomStream(11);
    const rows: Row[] = [...fullRows(2, 3), ...Array.from({ length: 90 }, (): Row => [Math.floor(next() * 2), next() < 0.6 ? 1 : 0, Math.floor(next() * 3)])];
    const frame = frameOf(rows, 2);
    const { design } = weighted(frame, marginsOf(2, 3, (d, s, a) => 500 + 100 * d + 50 * s + 80 * a));
    const y = Float64Array.from({ length: design.n }, () => (next() < 0.1 ? NaN : next() < 0.4 ? 1 : 0));
    const { influence } = estimateDomains(design, y, 'share', { returnInfluence: true });
    for (const z of [influence!.district, influence!.total]) {
      const sums = new Map<string, number>();
      for (let k = 0; k < design.n; k++) {
        const i = design.index[k];
        for (const key of [`sex ${frame.district[i]} ${frame.sex[i]}`, `age ${frame.district[i]} ${frame.ageGroup[i]}`]) {
          sums.set(key, (sums.get(key) ?? 0) + z[k] / design.weights[k]);
        }
      }
      for (const sum of sums.values()) expect(Math.abs(sum)).toBeLessThan(1e-14);
    }
  });
});

describe('intervals and effective sample sizes', () => {
  test('shares use Korn-Graubard with df = n - strata', () => {
    const next = randomStream(5);
    const districts = Array.from({ length: 80 }, (_, k) => k % 4);
    const y = Float64Array.from(districts, () => (next() < 0.3 ? 1 : 0));
    const { total } = estimateDomains(unweighted(districts), y, 'share', everyone);
    const expected = kornGraubard(total.estimate!, total.se! ** 2, 80, 76)!;
    expect(total).toMatchObject({ ciMethod: 'korn-graubard', ciLow: expected.low, ciHigh: expected.high, nEff: expected.nEff, df: 76 });
  });

  test('p = 0 gives n_eff = n, no SE, an interval from 0 and no design effect', () => {
    const { total } = estimateDomains(unweighted(new Array(40).fill(0)), new Float64Array(40), 'share');
    expect(total).toMatchObject({ estimate: 0, se: 0, ciLow: 0, nEff: 40, deff: null });
    expect(total.ciHigh).toBeGreaterThan(0);
  });

  test('means use a t interval and n_eff from the weighted variance', () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
    const { total } = estimateDomains(unweighted(new Array(40).fill(0)), y, 'mean');
    const mean = y.reduce((a, b) => a + b) / 40;
    const spread = y.reduce((s, v) => s + (v - mean) ** 2, 0) / 40;
    expect(total.ciMethod).toBe('t');
    expect(total.estimate).toBeCloseTo(mean, 13);
    expect(total.se).toBeCloseTo(Math.sqrt(spread / 39), 13);
    expect(total.nEff).toBeCloseTo(39, 9);
    expect(total.deff).toBeCloseTo(40 / 39, 12);
    expect(total.ciHigh! - total.estimate!).toBeCloseTo(2.0226909200367604 * total.se!, 12); // R: qt(0.975, 39)
  });
});

describe('flags on estimates', () => {
  test('suppressed rows withhold the numbers but keep n', () => {
    const { districts } = estimateDomains(unweighted([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), Float64Array.from([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0]), 'share');
    expect(districts[0]).toEqual({ estimate: null, se: null, ciLow: null, ciHigh: null, ciMethod: 'korn-graubard', n: 3, df: 2, nEff: null, deff: null, flag: 'suppressed', suppression: 'primary' });
    expect(districts[1].flag).toBe('unreliable');
    expect(districts[1].estimate).not.toBeNull();
  });

  test('a district without respondents has nothing to estimate, whatever the threshold', () => {
    const { districts } = estimateDomains(unweighted([0, 0], 3), Float64Array.from([1, 0]), 'share', { thresholds: { minCell: 0 } });
    expect(districts[2]).toMatchObject({ n: 0, estimate: null, flag: 'suppressed' });
  });

  test('a wave without usable respondents gives only suppressed rows', () => {
    const { design } = weighted(frameOf([[-1, 0, 0]], 2), marginsOf(2, 1, () => 100));
    const { districts, total } = estimateDomains(design, new Float64Array(0), 'mean');
    expect([...districts, total].map((e) => [e.n, e.flag, e.estimate])).toEqual([[0, 'suppressed', null], [0, 'suppressed', null], [0, 'suppressed', null]]);
  });

  test('a large clean sample is ok', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    expect(estimateDomains(unweighted(new Array(400).fill(0)), y, 'share').total.flag).toBe('ok');
  });
});
