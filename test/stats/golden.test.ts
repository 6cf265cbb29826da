// The numbers must equal R's survey package on the constructed cases (test/golden/make-stats-golden.R).
import { describe, expect, test } from 'vitest';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains, type Estimate } from '../../src/stats/estimate.js';
import { weight } from '../../src/stats/weighting.js';
import { frameOf, golden, loadCase, marginsOf, optionsOf, valuesOf, type GoldenDomain } from './golden-cases.js';

const ESTIMATE_TOLERANCE = 1e-9; // absolute
const SE_TOLERANCE = 1e-6; // relative
const BOUND_TOLERANCE = 1e-6; // absolute
const WEIGHT_TOLERANCE = 1e-8; // relative: raking stops at 1e-9 of each margin, R goes further

function expectRelative(actual: number | null, expected: number, tolerance: number, label: string) {
  expect(actual, label).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual! - expected) / scale, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectAbsolute(actual: number | null, expected: number, tolerance: number, label: string) {
  expect(actual, label).not.toBeNull();
  expect(Math.abs(actual! - expected), `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectDomain(actual: Estimate, expected: GoldenDomain, label: string) {
  expect(actual.n, `${label} n`).toBe(expected.n);
  if (expected.estimate === null) {
    expect(actual.estimate, `${label} has nothing to estimate`).toBeNull();
    return;
  }
  expect(actual.df, `${label} df`).toBe(expected.df);
  expectAbsolute(actual.estimate, expected.estimate, ESTIMATE_TOLERANCE, `${label} estimate`);
  if (expected.se === 0) expect(actual.se, `${label} se`).toBe(0);
  else expectRelative(actual.se, expected.se!, SE_TOLERANCE, `${label} se`);
  expectRelative(actual.nEff, expected.n_eff!, SE_TOLERANCE, `${label} n_eff`);
  if (expected.ci_low === null) {
    expect(actual.ciLow, `${label} has no interval`).toBeNull();
  } else {
    expectAbsolute(actual.ciLow, expected.ci_low!, BOUND_TOLERANCE, `${label} ci_low`);
    expectAbsolute(actual.ciHigh, expected.ci_high!, BOUND_TOLERANCE, `${label} ci_high`);
  }
}

test('the golden values come from the committed R script and survey 4.1', () => {
  expect(golden.generated_by).toBe('test/golden/make-stats-golden.R');
  expect(golden.survey_version).toMatch(/^4\.1/);
  expect(Object.keys(golden.cases)).toHaveLength(10);
});

// Every domain gets numbers here (minCell 1): the flags have their own tests.
const noSuppression = { thresholds: { minCell: 1 } };

describe.each(Object.keys(golden.cases))('golden case %s', (name) => {
  const input = loadCase(name);
  const expected = golden.cases[name];
  const result = weight(frameOf(input), marginsOf(input), optionsOf(input));
  if (!result.ok) throw new Error(`${name} could not be weighted: ${JSON.stringify(result.problem)}`);
  const { design, diagnostics } = result;

  test('weights match R', () => {
    expect(diagnostics.respondents).toBe(expected.respondents);
    expect(diagnostics.excluded).toBe(expected.excluded);
    const rWeights = expected.weights.filter((w): w is number => w !== null);
    expect(Array.from(design.index)).toEqual(expected.weights.flatMap((w, i) => (w === null ? [] : [i])));
    rWeights.forEach((w, k) => {
      expectRelative(design.weights[k], w, WEIGHT_TOLERANCE, `weight of respondent ${design.index[k]}`);
    });
  });

  test('Kish design effects match R', () => {
    expectRelative(diagnostics.kishDeff, expected.kish_deff, WEIGHT_TOLERANCE, 'kish deff');
    expected.kish_deff_by_district.forEach((deff, h) => {
      if (deff === null) expect(diagnostics.kishDeffByDistrict[h]).toBeNaN();
      else expectRelative(diagnostics.kishDeffByDistrict[h], deff, WEIGHT_TOLERANCE, `kish deff district ${h}`);
    });
  });

  // Calibrated designs are estimated from per-cell sums; both ways must match R.
  const ways = design.calibration?.cellWeights ? ['from cell sums', 'respondent by respondent'] : ['respondent by respondent'];
  test.each(Object.keys(expected.indicators).flatMap((indicator) => ways.map((way) => [indicator, way])))('%s (%s): estimates, SEs and intervals match R per district and for the whole area', (indicator, way) => {
    const reference = expected.indicators[indicator];
    const y = designValues(design, valuesOf(input, indicator));
    const estimates = estimateDomains(design, y, reference.type, { ...noSuppression, byRespondent: way === 'respondent by respondent' });
    reference.districts.forEach((domain, h) => {
      expectDomain(estimates.districts[h], domain, `${indicator} district ${h}`);
    });
    expectDomain(estimates.total, reference.total, `${indicator} whole area`);
  });

  if (expected.capped !== undefined) {
    test('trimming caps the same respondents as R, in as many rounds', () => {
      expect(diagnostics.capped).toBe(expected.capped);
      expect(diagnostics.trimRounds).toBe(expected.trim_rounds);
      expect(diagnostics.trimConverged).toBe(expected.trim_converged);
    });
  }

  if (expected.empty_cells) {
    test('without collapsing, the empty cells are listed', () => {
      const failed = weight(frameOf(input), marginsOf(input), { ...optionsOf(input), collapseEmptyCells: false });
      expect(failed).toEqual({ ok: false, problem: { code: 'empty_cells', cells: expected.empty_cells } });
    });

    test('with collapsing, every merge is listed', () => {
      expect(diagnostics.collapsed).toEqual(expected.collapsed);
    });
  }
});
