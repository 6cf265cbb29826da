// Indicators as JSON, exactly the contract's shape, with the weighting diagnostics in full and, when a model
// was asked for, each row's model estimate (`fh`) and each indicator's fit (`models`).
import type { CovariateName, IndicatorsResult, ModelSkip, SmallAreaModel } from '../../indicators/small-area-model.js';
import { stableJson } from '../json.js';
import { leftOutJson } from '../../indicators/left-out.js';
import { districtEstimate, modelOf } from './model.js';

/** A covariate as scripts name it: `intercept`, `age_group:75+`, `sex:M`, `previous_wave:2023`, `key_figures:drugs`. */
export function covariateCode(name: CovariateName): string {
  switch (name.code) {
    case 'intercept':
      return 'intercept';
    case 'age_group':
      return `age_group:${name.groups.join('+')}`;
    case 'sex':
      return `sex:${name.sex}`;
    case 'previous_wave':
      return `previous_wave:${name.wave}`;
    case 'key_figures':
      return `key_figures:${name.theme}`;
  }
}

/**
 * The fit's keys, null for an indicator without a fit: every entry of `models` has the same keys, so a script reads
 * `s2u` or `coefficients` without first asking whether they are there (adversarial run r38, minor).
 */
const NO_FIT = {
  method: null,
  sampling_variance: null,
  pooled_deff: null,
  s2u: null,
  iterations: null,
  variance_explained: null,
  districts_in_fit: null,
  intervals_withheld: null,
  coefficients: null,
  districts: null,
  left_out: null,
} as const;

function modelJson(indicator: string, model: SmallAreaModel | ModelSkip) {
  if (model === 'not_configured') return { indicator, fitted: false, problem: { code: 'not_configured' }, ...NO_FIT };
  if (!model.ok) {
    const problem = model.problem.code === 'collinear_covariates' ? { code: model.problem.code, covariate: covariateCode(model.problem.covariate) } : model.problem;
    return { indicator, fitted: false, problem, ...NO_FIT };
  }
  return {
    indicator,
    fitted: true,
    problem: null,
    method: 'fay-herriot-reml',
    sampling_variance: model.pooledDeffSource === 'districts' ? 'pooled_deff_districts' : 'pooled_deff_whole_area',
    pooled_deff: model.pooledDeff,
    s2u: model.s2u,
    iterations: model.iterations,
    variance_explained: model.varianceExplained,
    districts_in_fit: model.sampled,
    intervals_withheld: model.intervalsWithheld ? 's2u_zero' : null,
    coefficients: model.coefficients.map((c) => ({ covariate: covariateCode(c.covariate), estimate: c.estimate, se: c.se, z: c.z, p: c.p })),
    districts: model.districts.map((d) => ({
      district: d.district,
      direct: d.direct,
      synthetic_estimate: d.regression,
      sampling_variance: d.samplingVariance,
      standardised_residual: d.standardisedResidual,
    })),
    left_out: model.leftOut.map((entry) => ({ district: entry.district, covariate: covariateCode(entry.covariate) })),
  };
}

export function indicatorsJsonValue(result: IndicatorsResult) {
  const w = result.weighting;
  return {
    schema_version: 3,
    wave: result.wave,
    weighting: {
      method: w.method,
      converged: w.converged,
      sweeps: w.sweeps,
      respondents: w.respondents,
      excluded: w.excluded,
      weight_min: w.weightMin,
      weight_max: w.weightMax,
      kish_deff: w.kishDeff,
      weight_mean: w.weightMean,
      excluded_by: {
        district: w.excludedBy.district,
        no_population_figures: w.excludedBy.figures,
        sex: w.excludedBy.sex,
        age_group: w.excludedBy.ageGroup,
        weight: w.excludedBy.weight,
        empty_margin: w.excludedBy.margin,
      },
      age_groups: w.ageGroups,
      collapsed: w.collapsed.map((cells) => ({ district: cells.district, sex: cells.sex, age_groups: cells.ageGroups })),
      capped: w.capped,
      trim_rounds: w.trimRounds,
      trim_converged: w.trimConverged,
      trim_excess: w.trimExcess,
      kish_deff_by_district: w.kishDeffByDistrict,
      districts_without_respondents: w.districtsWithoutRespondents,
      implausible_cells: w.implausibleCells.map((cell) => ({
        district: cell.district,
        sex: cell.sex,
        age_group: cell.ageGroup,
        population: cell.population,
        respondents: cell.respondents,
        weight_min: cell.weightMin,
      })),
      figures_from_all_waves: w.figuresFromAllWaves,
      age_groups_configured: w.configuredAgeGroups,
      figures_missing_cells: w.figuresMissingCells.map((cell) => ({ district: cell.district, sex: cell.sex, age_group: cell.ageGroup })),
      ...leftOutJson(w),
    },
    rows: result.rows.map((row) => ({
      indicator: row.indicator,
      district: row.district,
      wave: row.wave,
      estimate: row.estimate,
      se: row.se,
      ci_low: row.ciLow,
      ci_high: row.ciHigh,
      ci_method: row.ciMethod,
      n: row.n,
      n_eff: row.nEff,
      deff: row.deff,
      flag: row.flag,
      suppression: row.suppression ?? null,
      not_finite: row.notFinite === true,
      fh: fhJson(result, row.indicator, row.district),
    })),
    scores: result.scores.map((score) => ({ indicator: score.indicator, cronbach_alpha: score.alpha, respondents: score.respondents })),
    models: result.models === null ? null : [...result.models].map(([indicator, model]) => modelJson(indicator, model)),
  };
}

function fhJson(result: IndicatorsResult, indicator: string, district: string | null) {
  const estimate = districtEstimate(modelOf(result, indicator), district);
  if (estimate === null) return null;
  return {
    estimate: estimate.estimate,
    rmse: estimate.rmse,
    ci_low: estimate.ciLow,
    ci_high: estimate.ciHigh,
    ci_method: 'fh',
    gamma: estimate.gamma,
    synthetic: estimate.synthetic,
    synthetic_basis: estimate.syntheticBasis,
  };
}

export function indicatorsJson(result: IndicatorsResult): string {
  return stableJson(indicatorsJsonValue(result));
}
