// Sampling variances psi_d for the Fay-Herriot model (docs/methods.md section 10). A district's own direct
// variance is unusable where its estimate is 0 or 1 or it has few respondents, so every district gets the
// whole area's spread and a pooled design effect, divided by its own number of respondents.
import { usableDesignEffect } from './plan.js';

export interface DirectDistrict {
  /** respondents with a valid answer */
  n: number;
  /** the direct estimate; null when withheld or missing */
  estimate: number | null;
  /** V / V_srs (docs/methods.md section 5); null when undefined */
  deff: number | null;
  nEff: number | null;
}

export type WholeArea =
  /** a share: psi_d = deff_bar p_tilde (1 - p_tilde) / n_d with p_tilde the whole area's estimate */
  | { type: 'share'; estimate: number; deff: number | null }
  /** a mean or score: psi_d = deff_bar s2 / n_d with s2 the whole area's weighted variance s^2_w */
  | { type: 'mean'; spread: number; deff: number | null };

export interface SamplingVariances {
  ok: true;
  /** psi_d per district, in input order; null for a district without respondents */
  psi: Array<number | null>;
  /** deff_bar */
  pooledDeff: number;
  /** 'districts': the plain mean over `pooledFrom`; 'whole_area': no district qualified, the whole area's deff */
  pooledDeffSource: 'districts' | 'whole_area';
  /** districts (0-based) whose deff entered the mean: n_eff >= 30 and, for a share, 0 < p < 1 */
  pooledFrom: number[];
}

export type SamplingVariancesResult =
  | SamplingVariances
  /** the whole area has no spread (a share of 0 or 1, a constant score), or no design effect to pool */
  | { ok: false; problem: { code: 'no_spread' | 'no_design_effect' } };

/** Districts need this effective sample size for their design effect to count in deff_bar. */
export const POOLED_DEFF_MIN_N_EFF = 30;

/**
 * A design effect of rounding noise (below the floor `plan` and `check` use) is none: pooled, the whole area's
 * 2e-16 gave every district a sampling variance of almost 0, as if its direct estimate were exact (adversarial
 * run r38, F1).
 */
function qualifies(district: DirectDistrict, type: WholeArea['type']): boolean {
  if (!usableDesignEffect(district.deff) || district.nEff === null || district.nEff < POOLED_DEFF_MIN_N_EFF) return false;
  if (type === 'mean') return true;
  return district.estimate !== null && district.estimate > 0 && district.estimate < 1;
}

/** psi_d for every district from its respondents, the whole area's spread and the pooled design effect. */
export function samplingVariances(districts: ReadonlyArray<DirectDistrict>, wholeArea: WholeArea): SamplingVariancesResult {
  const spread = wholeArea.type === 'share' ? wholeArea.estimate * (1 - wholeArea.estimate) : wholeArea.spread;
  if (!(spread > 0)) return { ok: false, problem: { code: 'no_spread' } };
  const pooledFrom = districts.flatMap((district, d) => (qualifies(district, wholeArea.type) ? [d] : []));
  let pooledDeff: number;
  if (pooledFrom.length > 0) {
    pooledDeff = pooledFrom.reduce((sum, d) => sum + (districts[d].deff as number), 0) / pooledFrom.length;
  } else if (usableDesignEffect(wholeArea.deff)) {
    pooledDeff = wholeArea.deff;
  } else {
    return { ok: false, problem: { code: 'no_design_effect' } };
  }
  return {
    ok: true,
    psi: districts.map((district) => (district.n > 0 ? (pooledDeff * spread) / district.n : null)),
    pooledDeff,
    pooledDeffSource: pooledFrom.length > 0 ? 'districts' : 'whole_area',
    pooledFrom,
  };
}
