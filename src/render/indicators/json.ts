// Indicators as JSON, exactly the contract's shape, with the weighting diagnostics in full.
import type { WaveEstimates } from '../../indicators/engine.js';
import { stableJson } from '../json.js';

export function indicatorsJsonValue(result: WaveEstimates) {
  const w = result.weighting;
  return {
    schema_version: 2,
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
      kish_deff_by_district: w.kishDeffByDistrict,
      districts_without_respondents: w.districtsWithoutRespondents,
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
    })),
    scores: result.scores.map((score) => ({ indicator: score.indicator, cronbach_alpha: score.alpha, respondents: score.respondents })),
  };
}

export function indicatorsJson(result: WaveEstimates): string {
  return stableJson(indicatorsJsonValue(result));
}
