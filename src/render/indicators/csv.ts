// Indicators as CSV: one row per indicator and district (and the whole area), units named in the header.
import type { WaveEstimates } from '../../indicators/engine.js';
import { toCsv } from '../csv.js';

const UNIT = { share: 'proportion_0_1', mean: 'mean_of_answers', score: 'score_0_10' } as const;

export function indicatorsCsv(result: WaveEstimates): string {
  const header = ['indicator', 'unit', 'district', 'scope', 'wave', 'estimate', 'se', 'ci_low', 'ci_high', 'ci_method', 'n', 'n_eff', 'deff', 'flag', 'weighting'];
  const rows = result.rows.map((row) => [
    row.indicator,
    UNIT[row.kind],
    row.district ?? '',
    row.district === null ? 'whole_area' : 'district',
    row.wave,
    row.estimate,
    row.se,
    row.ciLow,
    row.ciHigh,
    row.ciMethod,
    row.n,
    row.nEff,
    row.deff,
    row.flag,
    result.weighting.method,
  ]);
  return toCsv(header, rows);
}
