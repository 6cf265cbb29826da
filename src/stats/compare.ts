// Comparing estimates (docs/methods.md section 8): independent waves, a district against the whole area it
// is part of, and the false discovery rate over many tests.
import type { Design } from './design.js';
import type { DomainEstimates } from './estimate.js';
import { twoSidedP } from './intervals.js';
import { stratumCovariances } from './variance.js';

export { seFromInterval } from './intervals.js';

export interface Comparison {
  /** later minus earlier (or district minus whole area) */
  diff: number | null;
  se: number | null;
  z: number | null;
  /** two-sided, standard normal */
  p: number | null;
}

export interface EstimateWithSe {
  estimate: number | null;
  se: number | null;
}

const untestable: Comparison = { diff: null, se: null, z: null, p: null };

function test(diff: number, variance: number, certainWithoutError = false): Comparison {
  const se = Math.sqrt(Math.max(variance, 0)); // rounding can leave a tiny negative variance for a one-district area
  // No sampling error on either side: a difference is certain (z infinite, shown empty), no difference is none at all.
  if (se === 0 && certainWithoutError) return diff === 0 ? { diff, se, z: 0, p: 1 } : { diff, se, z: null, p: 0 };
  if (!(se > 0)) return { diff, se, z: null, p: null };
  const z = diff / se;
  return { diff, se, z, p: twoSidedP(z) };
}

/**
 * Two independent samples (waves): diff = b - a, SE = sqrt(SE_a^2 + SE_b^2). With `certainWithoutError` (both
 * estimates reliable, so answers enough), an SE of 0 on both sides is tested as certain: p = 0 for a difference,
 * p = 1 (z = 0) for none (docs/methods.md 8.1); without it such a row has no test.
 */
export function compareIndependent(a: EstimateWithSe, b: EstimateWithSe, options: { certainWithoutError?: boolean } = {}): Comparison {
  if (a.estimate === null || b.estimate === null || a.se === null || b.se === null) return untestable;
  return test(b.estimate - a.estimate, a.se * a.se + b.se * b.se, options.certainWithoutError === true);
}

/**
 * Every district against the whole area of the same wave: Var(d - t) = V_d + V_t - 2 Cov, with Cov from the
 * stacked influence values. Needs `estimateDomains(..., { returnInfluence: true })` on the same design.
 */
export function compareDistrictsToTotal(design: Design, domains: DomainEstimates): Comparison[] {
  if (!domains.influence) throw new TypeError('compareDistrictsToTotal needs estimates made with returnInfluence: true');
  const { district: zD, total: zT } = domains.influence;
  const varianceD = stratumCovariances(zD, zD, design);
  const covariance = stratumCovariances(zD, zT, design);
  let varianceT = 0;
  for (const v of stratumCovariances(zT, zT, design)) varianceT += v;
  const total = domains.total.estimate;
  return domains.districts.map((district, h) => {
    // zD is zero outside district h, so only stratum h carries covariance with the whole area.
    if (district.estimate === null || total === null) return untestable;
    return test(district.estimate - total, varianceD[h] + varianceT - 2 * covariance[h]);
  });
}

/** Benjamini-Hochberg adjusted p-values, as R's p.adjust(p, "BH"); nulls (and NaN) are left out and stay null. */
export function benjaminiHochberg(p: ReadonlyArray<number | null>): Array<number | null> {
  const tested = p.flatMap((value, i) => (value === null || Number.isNaN(value) ? [] : [{ value, i }]));
  tested.sort((a, b) => b.value - a.value);
  const adjusted: Array<number | null> = p.map(() => null);
  const m = tested.length;
  let running = Infinity;
  tested.forEach(({ value, i }, k) => {
    running = Math.min(running, (m / (m - k)) * value);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}
