// Reliability and disclosure flags (docs/methods.md section 6), applied in order: suppressed, unreliable, ok.

export type Flag = 'suppressed' | 'unreliable' | 'ok';

/** Why a suppressed estimate is withheld: too few answers of its own, or to protect one that has (suppression.ts). */
export type Suppression = 'primary' | 'secondary';

export interface FlagThresholds {
  /** confidence level of the intervals */
  level: number;
  /** fewer respondents than this: the estimate is withheld */
  minCell: number;
  /** effective sample size below this: unreliable */
  minNEff: number;
  /** a share's interval at least this wide: unreliable */
  maxCiWidth: number;
  /** a share's interval width over the share above this: unreliable */
  maxRelWidth: number;
}

/** NCHS data presentation standards for proportions (Parker et al., 2017). */
export const DEFAULT_THRESHOLDS: FlagThresholds = { level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 };

export interface FlagInput {
  type: 'share' | 'mean';
  n: number;
  estimate: number;
  se: number;
  nEff: number;
  /** null when no interval could be formed (a mean with df <= 0) */
  ci: { low: number; high: number } | null;
}

/** Withheld below min_cell; a number that is not finite (an overflowed sum, NaN) is never ok. */
export function reliabilityFlag(input: FlagInput, thresholds: FlagThresholds = DEFAULT_THRESHOLDS): Flag {
  if (input.n === 0 || !(input.n >= thresholds.minCell)) return 'suppressed';
  const ci = input.ci;
  if (ci === null || ![input.estimate, input.se, input.nEff, ci.low, ci.high].every(Number.isFinite) || input.nEff < thresholds.minNEff) return 'unreliable';
  if (input.type === 'share') {
    const width = ci.high - ci.low;
    if (width >= thresholds.maxCiWidth) return 'unreliable';
    if (input.estimate > 0 && width / input.estimate > thresholds.maxRelWidth) return 'unreliable';
  }
  return 'ok';
}
