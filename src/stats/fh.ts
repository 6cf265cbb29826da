// The Fay-Herriot area-level model (docs/methods.md section 10): REML by Fisher scoring, the EBLUP and its
// Prasad-Rao MSE, step for step as R's sae 1.3 eblupFH(method = "REML") and mseFH (Molina and Marhuenda,
// The R Journal 7(1), 2015; Rao and Molina, Small Area Estimation, 2nd ed., ch. 6). Districts without a
// direct estimate (sae refuses them) get the synthetic x_d' beta_hat.
import { twoSidedP, normalQuantile, type Interval } from './intervals.js';
import { dot, firstDependentColumn, invert, multiply, quadraticForm, weightedCrossProduct, type Matrix } from './matrix.js';

export interface FayHerriotInput {
  /** direct estimate theta_hat_d per district; null for a district without respondents */
  direct: ReadonlyArray<number | null>;
  /** sampling variance psi_d per district (> 0); not used where `direct` is null */
  samplingVariance: ReadonlyArray<number | null>;
  /** covariates x_d per district, p values each; an intercept is a column of ones, included by the caller */
  covariates: ReadonlyArray<ArrayLike<number>>;
}

export interface FayHerriotOptions {
  /** sae's MAXITER */
  maxIterations?: number;
  /** sae's PRECISION: stop when |s2u_{k+1} - s2u_k| / |s2u_k| is at most this */
  tolerance?: number;
}

export interface Coefficient {
  estimate: number;
  se: number;
  z: number;
  /** two-sided, standard normal (as sae) */
  p: number;
}

export interface DistrictPrediction {
  /** the EBLUP gamma_d theta_hat_d + (1 - gamma_d) x_d' beta_hat; x_d' beta_hat for a district without a direct estimate */
  estimate: number;
  mse: number;
  rmse: number;
  /** shrinkage factor s2u / (s2u + psi_d): the weight of the direct estimate; 0 without one */
  gamma: number;
  /** x_d' beta_hat */
  regression: number;
  /** the estimate is x_d' beta_hat alone: no direct estimate, or s2u = 0 */
  synthetic: boolean;
  /** the district has a direct estimate and took part in the fit */
  sampled: boolean;
  /** MSE = g1 + g2 + 2 g3 (sampled); s2u + x_d' V(beta_hat) x_d = g1 + g2 with g3 = 0 (not sampled) */
  g1: number;
  g2: number;
  g3: number;
  /** (theta_hat_d - x_d' beta_hat) / sqrt(s2u + psi_d), about N(0, 1) under the model; null when not sampled */
  standardisedResidual: number | null;
}

export interface FayHerriotFit {
  ok: true;
  /** between-district variance s2u, truncated at 0 */
  s2u: number;
  /** the last Fisher-scoring value before truncation (negative when truncated) */
  s2uUntruncated: number;
  iterations: number;
  /** asymptotic variance of the REML s2u: 2 / sum 1 / (s2u + psi_d)^2, as mseFH uses it */
  s2uVariance: number;
  coefficients: Coefficient[];
  /** V(beta_hat) = (X' V^-1 X)^-1 at s2u */
  coefficientCovariance: Matrix;
  /** per district, in input order */
  districts: DistrictPrediction[];
  /** districts in the fit (with a direct estimate) */
  sampledCount: number;
  /**
   * Share of the between-district variance the covariates explain: 1 - s2u / s2u_0 with s2u_0 the REML s2u of
   * the intercept-only model on the same districts, floored at 0; null when s2u_0 = 0 (nothing to explain) or
   * its fit fails. 0 for an intercept-only model.
   */
  varianceExplained: number | null;
}

export type FayHerriotProblem =
  /** REML needs more districts with a direct estimate than covariates */
  | { code: 'too_few_districts'; districts: number; covariates: number }
  /** covariate `column` (0-based) is a linear combination of the earlier ones over the sampled districts */
  | { code: 'collinear_covariates'; column: number }
  /** no convergence within maxIterations, or the scoring broke down (sae stops with an error there) */
  | { code: 'not_converged'; iterations: number; lastS2u: number };

export type FayHerriotResult = FayHerriotFit | { ok: false; problem: FayHerriotProblem };

const SAE_MAX_ITERATIONS = 100;
const SAE_TOLERANCE = 1e-4;

/** R's median: the mean of the two middle values for an even count. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** beta(A) = Q X' V^-1 y with V = diag(A + psi), for the districts in the fit. */
function generalisedLeastSquares(x: ReadonlyArray<ArrayLike<number>>, y: number[], psi: number[], a: number) {
  const v = psi.map((s) => 1 / (a + s));
  const q = invert(weightedCrossProduct(x, v));
  if (!q) return null;
  const p = q.length;
  const xtvy = new Array<number>(p).fill(0);
  x.forEach((row, d) => {
    for (let j = 0; j < p; j++) xtvy[j] += row[j] * v[d] * y[d];
  });
  const beta = multiply(q, xtvy);
  const regression = x.map((row) => dot(row, beta));
  return { v, q, beta, regression };
}

/**
 * One Fisher-scoring step of the restricted likelihood at A, as sae: P = V^-1 - V^-1 X Q X' V^-1,
 * score s = -tr(P)/2 + y'PPy/2, information F = tr(PP)/2; P y = V^-1 (y - X beta(A)).
 */
function scoringStep(x: ReadonlyArray<ArrayLike<number>>, y: number[], psi: number[], a: number): number | null {
  const gls = generalisedLeastSquares(x, y, psi, a);
  if (!gls) return null;
  const { v, q, regression } = gls;
  const m = y.length;
  let traceP = 0;
  let tracePP = 0;
  let pyy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const pij = (i === j ? v[i] : 0) - v[i] * v[j] * quadraticForm(x[i], q, x[j]);
      if (i === j) traceP += pij;
      tracePP += pij * pij; // P is symmetric: tr(PP) = sum of its squared elements
    }
    pyy += (v[i] * (y[i] - regression[i])) ** 2;
  }
  const step = (-0.5 * traceP + 0.5 * pyy) / (0.5 * tracePP);
  return Number.isFinite(step) ? step : null;
}

/** REML s2u by Fisher scoring from the median sampling variance, as eblupFH(method = "REML"). */
function remlVariance(x: ReadonlyArray<ArrayLike<number>>, y: number[], psi: number[], options: Required<FayHerriotOptions>) {
  let a = median(psi);
  let iterations = 0;
  let change = options.tolerance + 1;
  while (change > options.tolerance && iterations < options.maxIterations) {
    iterations++;
    const step = scoringStep(x, y, psi, a);
    if (step === null) return { converged: false, iterations, s2u: a };
    // sae keeps iterating through negative values and truncates only the final one
    const next = a + step;
    change = Math.abs((next - a) / a);
    a = next;
    if (Number.isNaN(change)) return { converged: false, iterations, s2u: a };
  }
  // sae: not converged only if the last change is still at least the tolerance after the last iteration
  const converged = !(iterations >= options.maxIterations && change >= options.tolerance) && Number.isFinite(a);
  return { converged, iterations, s2u: a };
}

/**
 * Fits the Fay-Herriot model to the districts with a direct estimate and predicts every district:
 * EBLUP and Prasad-Rao MSE (g1 + g2 + 2 g3) where there is a direct estimate, and the synthetic x_d' beta_hat
 * with MSE s2u + x_d' V(beta_hat) x_d where there is none (the limit of g1 + g2 + 2 g3 as psi_d grows
 * without bound; the error of s2u_hat is of lower order there).
 */
export function fayHerriot(input: FayHerriotInput, options: FayHerriotOptions = {}): FayHerriotResult {
  const settings = { maxIterations: options.maxIterations ?? SAE_MAX_ITERATIONS, tolerance: options.tolerance ?? SAE_TOLERANCE };
  const districtCount = input.direct.length;
  if (input.samplingVariance.length !== districtCount || input.covariates.length !== districtCount) {
    throw new RangeError(`${districtCount} direct estimates, ${input.samplingVariance.length} sampling variances, ${input.covariates.length} covariate rows`);
  }
  const covariateCount = input.covariates[0]?.length ?? 0;
  const sampled: number[] = [];
  input.direct.forEach((theta, d) => {
    if (input.covariates[d].length !== covariateCount || !Array.from(input.covariates[d]).every(Number.isFinite)) {
      throw new RangeError(`district ${d}: covariates must be ${covariateCount} finite numbers`);
    }
    if (theta === null) return;
    const psi = input.samplingVariance[d];
    if (!Number.isFinite(theta) || psi === null || !(psi > 0 && Number.isFinite(psi))) {
      throw new RangeError(`district ${d}: a direct estimate needs a finite value and a positive sampling variance`);
    }
    sampled.push(d);
  });
  if (covariateCount === 0 || sampled.length <= covariateCount) {
    return { ok: false, problem: { code: 'too_few_districts', districts: sampled.length, covariates: covariateCount } };
  }
  const x = sampled.map((d) => input.covariates[d]);
  const y = sampled.map((d) => input.direct[d] as number);
  const psi = sampled.map((d) => input.samplingVariance[d] as number);
  const dependent = firstDependentColumn(weightedCrossProduct(x));
  if (dependent >= 0) return { ok: false, problem: { code: 'collinear_covariates', column: dependent } };

  const reml = remlVariance(x, y, psi, settings);
  if (!reml.converged) return { ok: false, problem: { code: 'not_converged', iterations: reml.iterations, lastS2u: reml.s2u } };
  const s2u = Math.max(reml.s2u, 0);
  const gls = generalisedLeastSquares(x, y, psi, s2u);
  if (!gls) return { ok: false, problem: { code: 'not_converged', iterations: reml.iterations, lastS2u: reml.s2u } };
  const { q, beta } = gls;
  const coefficients = beta.map((estimate, j) => {
    const se = Math.sqrt(q[j][j]);
    return { estimate, se, z: estimate / se, p: twoSidedP(estimate / se) };
  });
  const s2uVariance = 2 / gls.v.reduce((sum, vd) => sum + vd * vd, 0);
  const position = new Map(sampled.map((d, i) => [d, i]));

  const districts = input.covariates.map((row, d): DistrictPrediction => {
    const regression = dot(row, beta);
    const g2Base = quadraticForm(row, q);
    const i = position.get(d);
    if (i === undefined) {
      const mse = s2u + g2Base;
      return { estimate: regression, mse, rmse: Math.sqrt(mse), gamma: 0, regression, synthetic: true, sampled: false, g1: s2u, g2: g2Base, g3: 0, standardisedResidual: null };
    }
    const total = s2u + psi[i];
    const gamma = s2u / total;
    const shrink = psi[i] / total; // sae's B_d = 1 - gamma_d
    const g1 = psi[i] * (1 - shrink);
    const g2 = shrink * shrink * g2Base;
    const g3 = (shrink * shrink * s2uVariance) / total;
    const mse = g1 + g2 + 2 * g3;
    const residual = y[i] - regression;
    return {
      estimate: regression + s2u * gls.v[i] * residual,
      mse,
      rmse: Math.sqrt(mse),
      gamma,
      regression,
      synthetic: s2u === 0,
      sampled: true,
      g1,
      g2,
      g3,
      standardisedResidual: residual / Math.sqrt(total),
    };
  });

  return {
    ok: true,
    s2u,
    s2uUntruncated: reml.s2u,
    iterations: reml.iterations,
    s2uVariance,
    coefficients,
    coefficientCovariance: q,
    districts,
    sampledCount: sampled.length,
    varianceExplained: varianceExplained(s2u, y, psi, settings),
  };
}

/** 1 - s2u / s2u_0 against the intercept-only model (see FayHerriotFit.varianceExplained). */
function varianceExplained(s2u: number, y: number[], psi: number[], settings: Required<FayHerriotOptions>): number | null {
  const interceptOnly = remlVariance(y.map(() => [1]), y, psi, settings);
  if (!interceptOnly.converged) return null;
  const s2u0 = Math.max(interceptOnly.s2u, 0);
  if (s2u0 === 0) return null;
  return Math.max(0, 1 - s2u / s2u0);
}

/**
 * The model interval estimate +- z sqrt(MSE) at `level`; clamped to [0, 1] for a share (section 10).
 */
export function fayHerriotInterval(estimate: number, mse: number, share: boolean, level = 0.95): Interval {
  const half = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(mse);
  const low = estimate - half;
  const high = estimate + half;
  return share ? { low: Math.min(Math.max(low, 0), 1), high: Math.max(Math.min(high, 1), 0) } : { low, high };
}
