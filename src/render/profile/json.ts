// Profiles as JSON: every source per district (and the whole area), in a stable order.
import { leftOutJson } from '../../indicators/left-out.js';
import type { ProfileSet, SourceView } from '../../profile/profile.js';
import { stableJson } from '../json.js';

function viewJson(view: SourceView) {
  return {
    district: view.district,
    indicators: view.indicators.map((row) => ({
      indicator: row.indicator,
      estimate: row.estimate,
      se: row.se,
      ci_low: row.ciLow,
      ci_high: row.ciHigh,
      n: row.n,
      n_eff: row.nEff,
      flag: row.flag,
      vs_area: row.vsArea && { diff: row.vsArea.diff, se: row.vsArea.se, z: row.vsArea.z, p: row.vsArea.p },
    })),
    residents_ranking: view.residents.map((entry) => ({
      theme: entry.theme,
      rank: entry.rank,
      estimate: entry.estimate,
      ci_low: entry.ciLow,
      ci_high: entry.ciHigh,
      n: entry.n,
      flag: entry.flag,
    })),
    key_figures: view.keyFigures.map((entry) => ({
      theme: entry.theme,
      rank: entry.rank,
      interviews: entry.interviews,
      organisation_types: entry.organisationTypes,
      mean_severity: entry.meanSeverity,
      share_serious: entry.shareSerious,
      spread: entry.spread,
      trend_balance: entry.trendBalance,
      trend_answers: entry.trendAnswers,
      few_interviews: entry.fewInterviews,
    })),
    signals: view.signals.map((entry) => ({ theme: entry.theme, count: entry.count, by_source: entry.bySource })),
    benchmarks: view.benchmarks.map((entry) => ({
      indicator: entry.indicator,
      area: entry.area,
      monitor_wave: entry.monitorWave,
      value: entry.value,
      ci_low: entry.ciLow,
      ci_high: entry.ciHigh,
      benchmark_se: entry.benchmarkSe,
      estimate: entry.estimate,
      estimate_se: entry.estimateSe,
      diff: entry.diff,
      se: entry.se,
      z: entry.z,
      p: entry.p,
    })),
    divergences: view.divergences.map((entry) => ({
      theme: entry.theme,
      direction: entry.direction,
      residents_rank: entry.residentsRank,
      residents_ranked: entry.residentsRanked,
      key_figures_rank: entry.keyFiguresRank,
      key_figures_ranked: entry.keyFiguresRanked,
      interviews: entry.interviews,
    })),
  };
}

export function profileJson(profiles: ProfileSet, districts: SourceView[]): string {
  return stableJson({
    schema_version: 1,
    wave: profiles.wave,
    previous_wave: profiles.previousWave,
    signal_waves: profiles.signalWaves,
    // the respondents left out for want of population figures as `indicators --json` gives them (adversarial run r38, F4)
    weighting: { method: profiles.estimates.weighting.method, respondents: profiles.estimates.weighting.respondents, ...leftOutJson(profiles.estimates.weighting) },
    districts: districts.map(viewJson),
    area: viewJson(profiles.area),
  });
}
