// Point estimates, standard errors, intervals and flags per district and for the whole area
// (docs/methods.md sections 3-6), in linear passes over the respondents.
import type { Design } from './design.js';
import { DEFAULT_THRESHOLDS, reliabilityFlag, type Flag, type FlagThresholds, type Suppression } from './flags.js';
import { kornGraubard, shareEffectiveSize, tInterval } from './intervals.js';
import { cellMoments, domainInfluence, domainVarianceFromCells, stratumSums, stratumSumsFromCells } from './variance.js';

export type IndicatorType = 'share' | 'mean';

export interface Estimate {
  /** null when suppressed (or nothing to estimate) or not finite */
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  ciMethod: 'korn-graubard' | 't';
  /** respondents in the domain with a valid y */
  n: number;
  /** n minus the strata with at least one of them */
  df: number;
  nEff: number | null;
  /** V / V_srs; null when suppressed or V_srs is 0 (p = 0 or 1, a constant score) */
  deff: number | null;
  flag: Flag;
  /** why a suppressed estimate is withheld: fewer than min_cell answers, or to keep one that is from being found by subtraction (suppression.ts) */
  suppression?: Suppression;
  /** the weighted sums left the range doubles hold (extreme weights or scores): the numbers are withheld and the flag is never ok */
  notFinite?: true;
}

export interface EstimateOptions {
  thresholds?: Partial<FlagThresholds>;
  /** also return the per-respondent influence values after the calibration adjustment */
  returnInfluence?: boolean;
  /** work respondent by respondent even when cells share one weight (tests compare both ways) */
  byRespondent?: boolean;
}

/** z per design row after the calibration adjustment: for the respondent's own district, and for the whole area. */
export interface Influence {
  district: Float64Array;
  total: Float64Array;
}

export interface DomainEstimates {
  /** index = district */
  districts: Estimate[];
  total: Estimate;
  /** per district, the weights of the respondents with a valid y: what the whole area averages the districts with */
  districtWeights: Float64Array;
  /** strata with a single respondent: they contribute nothing to any variance */
  singletonStrata: number[];
  influence?: Influence;
}

/** One indicator's numbers for a domain, before flags and intervals. */
interface DomainNumbers {
  estimate: number;
  variance: number;
  n: number;
  /** strata with at least one valid respondent */
  strata: number;
  /** weighted variance s^2_w = sum w (y - est)^2 / sum w */
  spread: number;
  /** sum of the weights of the valid respondents */
  weight: number;
}

// A domain's weights must sum to within these for its sums to keep their digits: beyond 1e290 products such as
// w * y overflow (population 1e307 per cell sums to Infinity, and p = x / Infinity = 0 looks like a confident 0),
// and below 1e-290 they sink towards the subnormal doubles (under 2.2e-308), where digits are lost.
const WEIGHT_TOTAL_RANGE = [1e-290, 1e290] as const;

function toEstimate(type: IndicatorType, domain: DomainNumbers, thresholds: FlagThresholds): Estimate {
  const { estimate, variance, n } = domain;
  const df = n - domain.strata;
  const ciMethod = type === 'share' ? 'korn-graubard' : 't';
  const bare: Estimate = { estimate: null, se: null, ciLow: null, ciHigh: null, ciMethod, n, df, nEff: null, deff: null, flag: 'suppressed' };
  if (n === 0 || n < thresholds.minCell) return { ...bare, suppression: 'primary' };
  const trusted = domain.weight >= WEIGHT_TOTAL_RANGE[0] && domain.weight <= WEIGHT_TOTAL_RANGE[1] && [estimate, variance, domain.spread].every(Number.isFinite);
  if (!trusted) return { ...bare, flag: 'unreliable', notFinite: true };
  const se = Math.sqrt(variance);
  let ci: { low: number; high: number } | null;
  let nEff: number;
  // V_srs = spread / n: p(1-p)/n for a share, s^2_w / n for a mean.
  const spread = type === 'share' ? estimate * (1 - estimate) : domain.spread;
  if (type === 'share') {
    const kg = kornGraubard(estimate, variance, n, df, thresholds.level);
    ci = kg && { low: kg.low, high: kg.high };
    nEff = kg ? kg.nEff : shareEffectiveSize(estimate, variance, n);
  } else {
    ci = tInterval(estimate, se, df, thresholds.level);
    // As for a share at 0 or 1: answers without spread leave V rounding noise, and n_eff is n.
    nEff = variance === 0 || spread === 0 ? n : Math.min(spread / variance, n);
  }
  const deff = spread > 0 ? variance / (spread / n) : null;
  const flag = reliabilityFlag({ type, n, estimate, se, nEff, ci }, thresholds);
  return { estimate, se, ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null, ciMethod, n, df, nEff, deff: deff !== null && Number.isFinite(deff) ? deff : null, flag };
}

/**
 * Estimates for every district and the whole area. y is per design row (NaN = missing); for a share it
 * holds 0/1. District domains are strata and calibration cells are nested in districts, so one pass gives
 * every district's influence values; the whole area is a second pass.
 */
export function estimateDomains(design: Design, y: Float64Array, type: IndicatorType, options: EstimateOptions = {}): DomainEstimates {
  if (y.length !== design.n) throw new RangeError(`y has ${y.length} values for ${design.n} design rows`);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const H = design.strataCount;
  // Cells whose respondents share one weight (any calibrated design without a supplied weight column) are
  // summed once per indicator and the rest works on cells; otherwise respondent by respondent.
  const cal = design.calibration;
  const moments = cal?.cellWeights && !options.byRespondent ? cellMoments(y, cal.cell, cal.cellCount) : null;
  const sums = moments ? stratumSumsFromCells(design, moments) : stratumSums(design, y);
  const influence = (domainEstimate: Float64Array, domainWeight: Float64Array) =>
    moments
      ? domainVarianceFromCells(design, moments, domainEstimate, domainWeight, sums, options.returnInfluence ? y : null)
      : domainInfluence(design, y, domainEstimate, domainWeight, sums);
  const districtEstimate = sums.weighted.map((weighted, h) => weighted / sums.weight[h]);
  let weight = 0;
  let weighted = 0;
  let n = 0;
  let strata = 0;
  for (let h = 0; h < H; h++) {
    weight += sums.weight[h];
    weighted += sums.weighted[h];
    n += sums.valid[h];
    if (sums.valid[h] > 0) strata++;
  }
  const totalEstimate = weighted / weight;
  const byDistrict = influence(districtEstimate, sums.weight);
  const wholeArea = influence(new Float64Array(H).fill(totalEstimate), new Float64Array(H).fill(weight));
  const districts: Estimate[] = [];
  let totalVariance = 0;
  let totalSquares = 0;
  const singletonStrata: number[] = [];
  for (let h = 0; h < H; h++) {
    const domain = { estimate: districtEstimate[h], variance: byDistrict.variance[h], n: sums.valid[h], strata: sums.valid[h] > 0 ? 1 : 0, spread: byDistrict.squares[h] / sums.weight[h], weight: sums.weight[h] };
    districts.push(toEstimate(type, domain, thresholds));
    totalVariance += wholeArea.variance[h];
    totalSquares += wholeArea.squares[h];
    if (sums.size[h] === 1) singletonStrata.push(h);
  }
  const total = toEstimate(type, { estimate: totalEstimate, variance: totalVariance, n, strata, spread: totalSquares / weight, weight }, thresholds);
  return { districts, total, districtWeights: sums.weight, singletonStrata, ...(options.returnInfluence ? { influence: { district: byDistrict.z, total: wholeArea.z } } : {}) };
}
