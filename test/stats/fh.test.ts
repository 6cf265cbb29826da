// Behaviour of the Fay-Herriot model (docs/methods.md section 10) beyond the golden values: synthetic
// estimates, problems reported as values, the interval, and the pooled-deff sampling variances.
import { describe, expect, test } from 'vitest';
import { fayHerriot, fayHerriotInterval, type FayHerriotFit, type FayHerriotInput } from '../../src/stats/fh.js';
import { samplingVariances, type DirectDistrict } from '../../src/stats/fh-sampling.js';

// Eight districts with a clear between-district spread and one covariate that explains part of it.
const share75 = [0.06, 0.08, 0.1, 0.12, 0.09, 0.15, 0.07, 0.11];
const direct = [0.11, 0.19, 0.14, 0.25, 0.09, 0.3, 0.17, 0.16];
const psi = [0.0009, 0.002, 0.0012, 0.004, 0.0015, 0.003, 0.0025, 0.0011];
const covariates = share75.map((s) => [1, s]);

function fitModel(input: FayHerriotInput): FayHerriotFit {
  const result = fayHerriot(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return result;
}

describe('the EBLUP', () => {
  const model = fitModel({ direct, samplingVariance: psi, covariates });

  test('has a positive between-district variance on these districts', () => {
    expect(model.s2u).toBeGreaterThan(0);
  });

  test('is the gamma-weighted mean of the direct and the synthetic estimate', () => {
    model.districts.forEach((district, d) => {
      expect(district.gamma).toBeCloseTo(model.s2u / (model.s2u + psi[d]), 14);
      expect(district.estimate).toBeCloseTo(district.gamma * direct[d] + (1 - district.gamma) * district.regression, 14);
      expect(district.synthetic).toBe(false);
    });
  });

  test('leans least on the direct estimates with the largest sampling variance', () => {
    const byVariance = psi.map((v, d) => ({ v, gamma: model.districts[d].gamma })).sort((a, b) => a.v - b.v);
    byVariance.slice(1).forEach((district, i) => {
      expect(district.gamma).toBeLessThan(byVariance[i].gamma);
    });
  });

  test('MSE is g1 + g2 + 2 g3, and the root MSE its square root', () => {
    for (const district of model.districts) {
      expect(district.mse).toBeCloseTo(district.g1 + district.g2 + 2 * district.g3, 15);
      expect(district.rmse).toBe(Math.sqrt(district.mse));
    }
  });
});

describe('a district without a direct estimate', () => {
  const withGap = fitModel({ direct: direct.map((y, d) => (d === 3 ? null : y)), samplingVariance: psi.map((v, d) => (d === 3 ? null : v)), covariates });
  const gap = withGap.districts[3];

  test('gets the synthetic estimate x_d beta_hat, marked as synthetic and not sampled', () => {
    expect(gap.estimate).toBe(gap.regression);
    expect(gap.estimate).toBeCloseTo(withGap.coefficients[0].estimate + withGap.coefficients[1].estimate * share75[3], 14);
    expect(gap).toMatchObject({ synthetic: true, sampled: false, gamma: 0, standardisedResidual: null, g3: 0 });
    expect(withGap.sampledCount).toBe(7);
  });

  test('has MSE s2u + x_d V(beta_hat) x_d', () => {
    const v = withGap.coefficientCovariance;
    const x = covariates[3];
    const leverage = x[0] * (v[0][0] * x[0] + v[0][1] * x[1]) + x[1] * (v[1][0] * x[0] + v[1][1] * x[1]);
    expect(gap.mse).toBeCloseTo(withGap.s2u + leverage, 15);
  });

  test('has the MSE a sampled district approaches as its sampling variance grows without bound', () => {
    // sampled with a sampling variance 1,000 times s2u: almost no weight in the fit, gamma near 0
    const far = fitModel({ direct, samplingVariance: psi.map((v, d) => (d === 3 ? 1000 * withGap.s2u : v)), covariates });
    expect(Math.abs(far.districts[3].mse / gap.mse - 1)).toBeLessThan(1e-2);
    expect(far.districts[3].gamma).toBeLessThan(1e-3);
  });
});

describe('when s2u is estimated as 0', () => {
  // direct estimates on the regression line: no variance left between districts
  const flat = fitModel({ direct: share75.map((s) => 0.05 + s), samplingVariance: psi, covariates });

  test('every district gets its synthetic estimate, with gamma 0', () => {
    expect(flat.s2u).toBe(0);
    expect(flat.s2uUntruncated).toBeLessThan(0);
    for (const district of flat.districts) {
      expect(district).toMatchObject({ synthetic: true, sampled: true, gamma: 0, g1: 0 });
      expect(district.estimate).toBe(district.regression);
    }
  });

  test('the covariates explain all between-district variance there is, or there was none', () => {
    expect(flat.varianceExplained === null || flat.varianceExplained === 1).toBe(true);
  });
});

describe('variance explained', () => {
  test('is 0 for an intercept-only model', () => {
    expect(fitModel({ direct, samplingVariance: psi, covariates: direct.map(() => [1]) }).varianceExplained).toBe(0);
  });

  test('lies between 0 and 1 with a covariate', () => {
    const explained = fitModel({ direct, samplingVariance: psi, covariates }).varianceExplained!;
    expect(explained).toBeGreaterThan(0);
    expect(explained).toBeLessThanOrEqual(1);
  });
});

describe('problems come back as values', () => {
  test('no more districts with a direct estimate than covariates', () => {
    const result = fayHerriot({ direct: [0.1, 0.2, null], samplingVariance: [0.001, 0.002, null], covariates: [[1, 0.1], [1, 0.2], [1, 0.3]] });
    expect(result).toEqual({ ok: false, problem: { code: 'too_few_districts', districts: 2, covariates: 2 } });
  });

  test('a covariate that repeats another is named by its column', () => {
    const result = fayHerriot({ direct, samplingVariance: psi, covariates: share75.map((s) => [1, s, 2 * s]) });
    expect(result).toEqual({ ok: false, problem: { code: 'collinear_covariates', column: 2 } });
  });

  test('a covariate that is constant over the sampled districts duplicates the intercept', () => {
    const result = fayHerriot({ direct, samplingVariance: psi, covariates: share75.map((s) => [1, s, 0.5]) });
    expect(result).toEqual({ ok: false, problem: { code: 'collinear_covariates', column: 2 } });
  });

  test('no convergence within the iterations allowed', () => {
    const result = fayHerriot({ direct, samplingVariance: psi, covariates }, { maxIterations: 1 });
    expect(result).toMatchObject({ ok: false, problem: { code: 'not_converged', iterations: 1 } });
  });
});

describe('inputs that are programming errors throw', () => {
  test('arrays of different lengths', () => {
    expect(() => fayHerriot({ direct, samplingVariance: psi.slice(1), covariates })).toThrow(RangeError);
  });

  test('a direct estimate without a positive sampling variance', () => {
    expect(() => fayHerriot({ direct, samplingVariance: psi.map((v, d) => (d === 0 ? 0 : v)), covariates })).toThrow(RangeError);
    expect(() => fayHerriot({ direct, samplingVariance: psi.map((v, d) => (d === 0 ? null : v)), covariates })).toThrow(RangeError);
  });

  test('covariate rows of different lengths', () => {
    expect(() => fayHerriot({ direct, samplingVariance: psi, covariates: covariates.map((x, d) => (d === 2 ? [1] : x)) })).toThrow(RangeError);
  });
});

describe('the model interval', () => {
  test('is the estimate +- z sqrt(MSE)', () => {
    const interval = fayHerriotInterval(0.2, 0.0004, true);
    expect(interval.low).toBeCloseTo(0.2 - 1.959963984540054 * 0.02, 14);
    expect(interval.high).toBeCloseTo(0.2 + 1.959963984540054 * 0.02, 14);
  });

  test('is clamped to [0, 1] for a share, not for a mean', () => {
    expect(fayHerriotInterval(0.02, 0.0004, true)).toEqual({ low: 0, high: 0.02 + 1.959963984540054 * 0.02 });
    expect(fayHerriotInterval(0.99, 0.0004, true).high).toBe(1);
    expect(fayHerriotInterval(0.02, 0.0004, false).low).toBeLessThan(0);
  });

  test('follows the confidence level', () => {
    const ninety = fayHerriotInterval(0.5, 0.01, true, 0.9);
    expect(ninety.high - 0.5).toBeCloseTo(1.6448536269514722 * 0.1, 14);
  });
});

describe('sampling variances with a pooled design effect', () => {
  const districts: DirectDistrict[] = [
    { n: 200, estimate: 0.2, deff: 1.5, nEff: 133 },
    { n: 100, estimate: 0.1, deff: 1.1, nEff: 91 },
    { n: 25, estimate: 0.12, deff: 3, nEff: 8.3 }, // too few effective respondents to count
    { n: 40, estimate: 0, deff: null, nEff: 40 }, // p = 0: no design effect
    { n: 8, estimate: null, deff: null, nEff: null }, // suppressed: still gets a psi from its n
    { n: 0, estimate: null, deff: null, nEff: null }, // no respondents
  ];

  test('share: deff_bar p_tilde (1 - p_tilde) / n_d, deff_bar over districts with n_eff >= 30 and 0 < p < 1', () => {
    const result = samplingVariances(districts, { type: 'share', estimate: 0.15, deff: 1.4 });
    expect(result).toMatchObject({ ok: true, pooledDeffSource: 'districts', pooledFrom: [0, 1] });
    if (!result.ok) return;
    expect(result.pooledDeff).toBeCloseTo(1.3, 15);
    expect(result.psi[0]).toBeCloseTo((1.3 * 0.15 * 0.85) / 200, 15);
    expect(result.psi[4]).toBeCloseTo((1.3 * 0.15 * 0.85) / 8, 15);
    expect(result.psi[5]).toBeNull();
  });

  test('mean: deff_bar s2 / n_d; a district with p = 0 counts (only shares need 0 < p < 1)', () => {
    const result = samplingVariances(districts.map((d) => ({ ...d, deff: d.deff ?? 1.2 })), { type: 'mean', spread: 4.5, deff: 1.4 });
    expect(result).toMatchObject({ ok: true, pooledFrom: [0, 1, 3] });
    if (!result.ok) return;
    expect(result.pooledDeff).toBeCloseTo((1.5 + 1.1 + 1.2) / 3, 15);
    expect(result.psi[1]).toBeCloseTo((result.pooledDeff * 4.5) / 100, 15);
  });

  test("falls back to the whole area's design effect when no district qualifies", () => {
    const result = samplingVariances(districts.slice(2), { type: 'share', estimate: 0.15, deff: 1.4 });
    expect(result).toMatchObject({ ok: true, pooledDeff: 1.4, pooledDeffSource: 'whole_area', pooledFrom: [] });
  });

  test('a whole area without spread, or without any design effect, is a problem', () => {
    expect(samplingVariances(districts, { type: 'share', estimate: 0, deff: null })).toEqual({ ok: false, problem: { code: 'no_spread' } });
    expect(samplingVariances(districts.slice(2), { type: 'share', estimate: 0.15, deff: null })).toEqual({ ok: false, problem: { code: 'no_design_effect' } });
  });

  // adversarial run r38, F1: the whole area's design effect of 2e-16 (the weighting explains the answers entirely)
  // gave every district a sampling variance of almost 0
  test('a design effect of rounding noise is none, in a district and in the whole area', () => {
    expect(samplingVariances(districts.slice(2), { type: 'share', estimate: 0.15, deff: 2e-16 })).toEqual({ ok: false, problem: { code: 'no_design_effect' } });
    const noisy = samplingVariances([{ ...districts[0], deff: 2e-16 }, ...districts.slice(1)], { type: 'share', estimate: 0.15, deff: 1.4 });
    expect(noisy).toMatchObject({ ok: true, pooledDeff: 1.1, pooledDeffSource: 'districts', pooledFrom: [1] });
  });
});
