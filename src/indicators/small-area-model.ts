// What the small-area model gives for one indicator and wave (docs/methods.md section 10), as every output
// reads it: per district the model estimate beside the direct one, and the fit that shows whether to trust it.
import type { WaveEstimates } from './engine.js';

/** A covariate of the model as the outputs name it. */
export type CovariateName =
  | { code: 'intercept' }
  | { code: 'age_group'; groups: string[] }
  | { code: 'sex'; sex: 'M' | 'F' }
  | { code: 'previous_wave'; wave: string }
  | { code: 'key_figures'; theme: string };

/** Why a district's model estimate rests on the covariates alone. */
export type SyntheticBasis =
  /** the district has no respondent with an answer */
  | 'no_answers'
  /** its direct estimate is withheld (too few answers, or to protect one that is): its answers are left out of the model */
  | 'withheld'
  /** the model found no difference between districts beyond the covariates (s2u = 0): every district is synthetic */
  | 'no_variation';

export interface SmallAreaEstimate {
  district: string;
  /** the EBLUP; the synthetic x_d' beta_hat where `synthetic`; a share is kept within [0, 1] */
  estimate: number;
  /** root MSE (Prasad-Rao); null when the intervals are withheld (`intervalsWithheld`) */
  rmse: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** the weight of the district's own direct estimate, s2u / (s2u + psi_d); 0 when synthetic */
  gamma: number;
  synthetic: boolean;
  /** why synthetic; null when the district's own answers are in the estimate */
  syntheticBasis: SyntheticBasis | null;
  /** the district's direct estimate in the model; null when it took no part */
  direct: number | null;
  /** x_d' beta_hat */
  regression: number;
  /** sampling variance psi_d; null when the district took no part */
  samplingVariance: number | null;
  /** (direct - x_d' beta_hat) / sqrt(s2u + psi_d); null when the district took no part */
  standardisedResidual: number | null;
}

export interface SmallAreaCoefficient {
  covariate: CovariateName;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

export type SmallAreaProblem =
  /** REML needs more districts with a shown estimate than covariates */
  | { code: 'too_few_districts'; districts: number; covariates: number }
  /** a covariate is a linear combination of the others over the districts in the fit */
  | { code: 'collinear_covariates'; covariate: CovariateName }
  /** REML did not converge within its 100 iterations */
  | { code: 'not_converged'; iterations: number }
  /** no respondent answered the indicator's question in the wave: nothing to model */
  | { code: 'no_answers' }
  /** the whole area's estimate is withheld, or has no spread: no sampling variances */
  | { code: 'no_spread' }
  /** no design effect to pool (section 10.3) */
  | { code: 'no_design_effect' }
  /** a covariate needs population figures and the wave has none */
  | { code: 'no_population_figures' }
  /** `previous_wave` and the wave is the first */
  | { code: 'no_previous_wave' }
  /** every district lacks a covariate */
  | { code: 'no_districts' };

export interface SmallAreaFit {
  ok: true;
  indicator: string;
  wave: string;
  covariates: CovariateName[];
  coefficients: SmallAreaCoefficient[];
  s2u: number;
  iterations: number;
  /** share of the between-district variance the covariates explain; null when there was none to explain */
  varianceExplained: number | null;
  /** deff_bar of the sampling variances, and whether it is the districts' mean or the whole area's */
  pooledDeff: number;
  pooledDeffSource: 'districts' | 'whole_area';
  /** districts with a direct estimate in the fit */
  sampled: number;
  /**
   * Intervals (and root MSEs) are withheld when s2u is truncated at 0: in simulation such intervals held the
   * true value only 72% of the time (94% with s2u > 0), so they cannot be shown as 95% intervals.
   */
  intervalsWithheld: boolean;
  /** in the wave's district order; districts lacking a covariate are missing here and listed in `leftOut` */
  districts: SmallAreaEstimate[];
  /** districts without a model estimate, with the covariate they lack */
  leftOut: Array<{ district: string; covariate: CovariateName }>;
}

export type SmallAreaModel = SmallAreaFit | { ok: false; indicator: string; wave: string; problem: SmallAreaProblem };

/** Why an indicator has no model in this run although one was asked for. */
export type ModelSkip = 'not_configured';

/** The indicators of a wave with, when asked for, each indicator's model (or why it has none). */
export interface IndicatorsResult extends WaveEstimates {
  /** null: no model asked for */
  models: ReadonlyMap<string, SmallAreaModel | ModelSkip> | null;
  /** print the models' fit (`--explain`) */
  explain: boolean;
}
