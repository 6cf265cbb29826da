// The Fay-Herriot model (docs/methods.md section 10) against sae 1.3 eblupFH(method = "REML") and mseFH, on
// the cases of test/golden/make-fh-golden.R (inputs and R's answers in test/golden/fh-golden.json).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { fayHerriot, type FayHerriotFit } from '../../src/stats/fh.js';
import { samplingVariances } from '../../src/stats/fh-sampling.js';

type Num = number | null;

interface GoldenFhCase {
  description: string;
  inputs: {
    direct: Num[];
    sampling_variance: Num[];
    covariates: number[][];
    covariate_names: string[];
    max_iterations: number;
    demo?: {
      n: number[];
      estimate: number[];
      deff: Num[];
      n_eff: number[];
      whole_area: { estimate: number; deff: number };
      pooled_deff: number;
      pooled_from: number[];
    };
  };
  expected: {
    converged: boolean;
    iterations: number;
    s2u?: number;
    s2u_untruncated?: number;
    coefficients?: Array<{ estimate: number; se: number; z: number; p: number }>;
    estimate?: number[];
    mse?: number[];
    gamma?: number[];
    regression?: number[];
    standardised_residual?: Num[];
    s2u_intercept_only?: Num;
    variance_explained?: Num;
  };
}

const golden = JSON.parse(readFileSync(new URL('../golden/fh-golden.json', import.meta.url), 'utf8')) as { cases: Record<string, GoldenFhCase> };
const cases = Object.entries(golden.cases);
const converged = cases.filter(([, c]) => c.expected.converged);
const TOLERANCE = 1e-6; // relative

/** Worst relative difference per quantity over all cases, printed once for the record. */
const worst = new Map<string, number>();

function expectRelative(actual: number, expected: number, label: string, quantity: string) {
  if (expected === 0) {
    expect(actual, label).toBe(0);
    return;
  }
  const relative = Math.abs(actual - expected) / Math.abs(expected);
  worst.set(quantity, Math.max(worst.get(quantity) ?? 0, relative));
  expect(relative, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

function fitOf(c: GoldenFhCase): FayHerriotFit {
  const result = fayHerriot({ direct: c.inputs.direct, samplingVariance: c.inputs.sampling_variance, covariates: c.inputs.covariates }, { maxIterations: c.inputs.max_iterations });
  if (!result.ok) throw new Error(`no fit: ${JSON.stringify(result.problem)}`);
  return result;
}

describe('Fay-Herriot fits match sae 1.3', () => {
  test.each(converged)('%s: s2u, iterations and coefficients', (_name, c) => {
    const fit = fitOf(c);
    const e = c.expected;
    expect(fit.iterations).toBe(e.iterations);
    expectRelative(fit.s2u, e.s2u!, 's2u', 's2u');
    expectRelative(fit.s2uUntruncated, e.s2u_untruncated!, 's2u before truncation', 's2u untruncated');
    expect(fit.coefficients).toHaveLength(e.coefficients!.length);
    e.coefficients!.forEach((expected, j) => {
      const actual = fit.coefficients[j];
      const name = c.inputs.covariate_names[j];
      expectRelative(actual.estimate, expected.estimate, `${name} beta`, 'beta');
      expectRelative(actual.se, expected.se, `${name} SE`, 'SE(beta)');
      expectRelative(actual.z, expected.z, `${name} z`, 'z');
      expectRelative(actual.p, expected.p, `${name} p`, 'p');
    });
  });

  test.each(converged)('%s: EBLUP, MSE, gamma and residuals per district', (_name, c) => {
    const fit = fitOf(c);
    const e = c.expected;
    fit.districts.forEach((district, d) => {
      const label = `district ${d}`;
      expectRelative(district.estimate, e.estimate![d], `${label} estimate`, 'EBLUP');
      expectRelative(district.mse, e.mse![d], `${label} MSE`, 'MSE');
      expectRelative(district.gamma, e.gamma![d], `${label} gamma`, 'gamma');
      expectRelative(district.regression, e.regression![d], `${label} x'beta`, "x'beta");
      const residual = e.standardised_residual![d];
      if (residual === null) expect(district.standardisedResidual, label).toBeNull();
      else expectRelative(district.standardisedResidual!, residual, `${label} standardised residual`, 'standardised residual');
      expect(district.sampled).toBe(c.inputs.direct[d] !== null);
      expect(district.synthetic).toBe(c.inputs.direct[d] === null || e.s2u === 0);
    });
  });

  test.each(converged)('%s: variance explained against the intercept-only fit', (_name, c) => {
    const fit = fitOf(c);
    const expected = c.expected.variance_explained!;
    if (expected === null) expect(fit.varianceExplained).toBeNull();
    else expectRelative(fit.varianceExplained!, expected, 'variance explained', 'variance explained');
  });

  test.each(cases.filter(([, c]) => !c.expected.converged))('%s: no convergence, as sae says', (_name, c) => {
    const result = fayHerriot({ direct: c.inputs.direct, samplingVariance: c.inputs.sampling_variance, covariates: c.inputs.covariates }, { maxIterations: c.inputs.max_iterations });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ code: 'not_converged', iterations: c.expected.iterations });
  });
});

describe('sampling variances of the demo zone', () => {
  test.each(cases.filter(([, c]) => c.inputs.demo))('%s: pooled deff and psi as computed in R', (_name, c) => {
    const demo = c.inputs.demo!;
    const result = samplingVariances(
      demo.n.map((n, d) => ({ n, estimate: demo.estimate[d], deff: demo.deff[d], nEff: demo.n_eff[d] })),
      { type: 'share', estimate: demo.whole_area.estimate, deff: demo.whole_area.deff },
    );
    if (!result.ok) throw new Error(result.problem.code);
    expectRelative(result.pooledDeff, demo.pooled_deff, 'pooled deff', 'pooled deff');
    expect(result.pooledFrom).toEqual(demo.pooled_from);
    expect(result.pooledDeffSource).toBe('districts');
    result.psi.forEach((psi, d) => {
      expectRelative(psi!, c.inputs.sampling_variance[d]!, `district ${d} psi`, 'psi');
    });
  });
});

// For the record: the worst relative difference per quantity (each is held to TOLERANCE above).
afterAll(() => console.log(`Fay-Herriot against sae, worst relative differences:\n${[...worst].map(([quantity, relative]) => `  ${quantity}: ${relative.toExponential(2)}`).join('\n')}`));
